# PhysioPortal web app. Built by docker-compose.yml (`docker compose up --build`), or on its own:
#   docker build -t physioportal .
# Build stage: the .NET SDK publishes the web project (and the projects it references: Core, Printing, Migrations).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/PhysioPortal.Web/PhysioPortal.Web.csproj -c Release -o /app

# Runtime stage: ASP.NET Core runtime only, as the image's non-root "app" user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080
# .data holds the development Data Protection certificate; docker-compose.yml mounts one volume there for every
# instance, and a new named volume takes this folder's owner.
RUN mkdir -p /app/.data && chown "$APP_UID" /app/.data
USER $APP_UID
ENTRYPOINT ["dotnet", "PhysioPortal.Web.dll"]
