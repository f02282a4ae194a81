using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PhysioPortal.Core.Reminders.Jobs;

namespace PhysioPortal.Web.Extensions;

/// <summary>Background jobs, bound from the "Jobs" section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire server in this process (tests turn it off and start their own when they need one).</summary>
    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = Math.Clamp(Environment.ProcessorCount * 2, 2, 8);

    /// <summary>How often the server looks for scheduled and recurring jobs that are due.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often idle workers look at the queue (PostgreSQL storage polls).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cron (UTC) of the sender; a patient's local time is never a cron here, rows carry their own due instant.</summary>
    public string SendCron { get; set; } = "* * * * *";

    public string PlanCron { get; set; } = "*/15 * * * *";

    /// <summary>The nightly look for missed days (UTC; it counts only days that have ended in each patient's zone).</summary>
    public string MissedDaysCron { get; set; } = "0 2 * * *";

    /// <summary>
    /// Age after which a Hangfire lock row is taken for abandoned (its holder was killed, or its host lost). Hangfire's
    /// own default is 10 minutes, during which a killed instance's lock held every recurring job it guarded (the email
    /// sender among them) and made a restarting instance fail its start-up. Our jobs hold Hangfire's locks for
    /// milliseconds (no job uses DisableConcurrentExecution; the sender claims rows itself), so a minute is safe.
    /// </summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often start-up tries again to register the recurring jobs when another holder has their lock.</summary>
    public TimeSpan RegistrationRetryInterval { get; set; } = TimeSpan.FromSeconds(5);
}

public static class JobsExtensions
{
    public const string DashboardPath = "/admin/jobs";

    private static readonly System.Globalization.CultureInfo DashboardCulture = System.Globalization.CultureInfo.GetCultureInfo("en");

    /// <summary>
    /// Hangfire on the portal's PostgreSQL (schema "hangfire") and its server; the jobs themselves are Core's
    /// (<c>AddPortalCore</c>). Nothing touches the database until the app is built (dotnet ef runs Program.cs up to Build).
    /// </summary>
    public static WebApplicationBuilder AddPortalJobs(this WebApplicationBuilder builder)
    {
        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.DistributedLockTimeout <= TimeSpan.Zero || jobs.RegistrationRetryInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                "Jobs:DistributedLockTimeout and Jobs:RegistrationRetryInterval must be positive durations (for example 00:01:00).");
        }
        builder.Services.Configure<JobsOptions>(builder.Configuration.GetSection(JobsOptions.Section));
        var cs = builder.Configuration.GetConnectionString("Portal");

        // The storage is made lazily, when first resolved (after Build).
        builder.Services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new PhysioPortal.Web.Operations.JobTracing())
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(cs), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                // Without it a job running longer than the invisibility timeout is picked up a second time.
                UseSlidingInvisibilityTimeout = true,
                QueuePollInterval = jobs.QueuePollInterval,
                DistributedLockTimeout = jobs.DistributedLockTimeout,
            }));
        builder.Services.AddScoped<IAuthorizationHandler, PlatformOperatorHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PlatformOperatorRequirement.Policy, p => p.RequireAuthenticatedUser().AddRequirements(new PlatformOperatorRequirement()));
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.WorkerCount = jobs.WorkerCount;
                o.SchedulePollingInterval = jobs.SchedulePollingInterval;
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return builder;
    }

    /// <summary>The recurring jobs (UTC cron; rows carry their own due instants) and the dashboard for admins.</summary>
    public static WebApplication UsePortalJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JobsOptions>>().Value;
        RegisterRecurringJobs(app, jobs);

        // Hangfire writes <html lang> from the UI culture, which on a server without a locale is the invariant one
        // ("iv", not a language: screen readers cannot pick a voice). The dashboard speaks English.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(DashboardPath))
            {
                System.Globalization.CultureInfo.CurrentUICulture = DashboardCulture;
            }
            return next(context);
        });
        // After a PostgreSQL restart the idle pooled connections of Hangfire's storage are dead, and the dashboard's
        // first query on one answered 500 (its storage has no retry). A GET that fails that way is answered once more,
        // on new connections.
        var jobsConnection = app.Configuration.GetConnectionString("Portal");
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(DashboardPath) || !HttpMethods.IsGet(context.Request.Method))
            {
                await next(context);
                return;
            }
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && DeadConnection(ex))
            {
                using (var pooled = new Npgsql.NpgsqlConnection(jobsConnection)) Npgsql.NpgsqlConnection.ClearPool(pooled);
                await next(context);
            }
        });
        // GET on the dashboard's statistics endpoint (a POST-only JSON call) made Hangfire read a form that is not
        // there: a 500. It is a wrong method, not an error.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(DashboardPath + "/stats", StringComparison.OrdinalIgnoreCase) && !HttpMethods.IsPost(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "POST";
                return Task.CompletedTask;
            }
            return next(context);
        });
        // One dashboard shows every clinic's jobs (their arguments and errors), so no clinic's admin may see it: only
        // platform operators (Security:PlatformOperators, none by default), under the same two-step rule as admin
        // pages. The endpoint's policy sends anonymous users to sign in and refuses everyone else; the filter checks
        // again inside Hangfire.
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            DashboardTitle = "PhysioPortal jobs",
            AppPath = "/admin",
            Authorization = [],
            AsyncAuthorization = [new OperatorDashboardAuthorizationFilter()],
            IsReadOnlyFunc = _ => false, // only operators get in, and they run the platform
        }).RequireAuthorization(PlatformOperatorRequirement.Policy);
        return app;
    }

    /// <summary>A connection the server had closed (a restart, a fail-over): what a new connection does not meet.</summary>
    /// <summary>
    /// Registers (or updates) the recurring jobs. Each update takes the job's Hangfire lock; when another process holds
    /// it (another instance registering at the same moment, or a killed one's abandoned lock, kept until
    /// <see cref="JobsOptions.DistributedLockTimeout"/>), the portal starts anyway: the jobs stored by an earlier start
    /// keep running on their schedule, and the registration is tried again in the background until it succeeds.
    /// </summary>
    private static void RegisterRecurringJobs(WebApplication app, JobsOptions jobs)
    {
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JobsExtensions).FullName!);
        var pending = new List<(string Id, Action Register)>
        {
            (SendDueEmailsJob.RecurringId, () => recurring.AddOrUpdate<SendDueEmailsJob>(SendDueEmailsJob.RecurringId, j => j.RunAsync(CancellationToken.None), jobs.SendCron)),
            (TopUpEmailsJob.RecurringId, () => recurring.AddOrUpdate<TopUpEmailsJob>(TopUpEmailsJob.RecurringId, j => j.RunAsync(CancellationToken.None), jobs.PlanCron)),
            (PhysioPortal.Core.Alerts.MissedDaysJob.RecurringId, () => recurring.AddOrUpdate<PhysioPortal.Core.Alerts.MissedDaysJob>(PhysioPortal.Core.Alerts.MissedDaysJob.RecurringId, j => j.RunAsync(CancellationToken.None), jobs.MissedDaysCron)),
        };
        pending = TryRegister(pending, logger);
        if (pending.Count == 0) return;

        var stopping = app.Lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            while (pending.Count > 0 && !stopping.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(jobs.RegistrationRetryInterval, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                pending = TryRegister(pending, logger);
            }
            if (pending.Count == 0) logger.LogInformation("The recurring jobs are registered (after waiting for their locks).");
        }, CancellationToken.None);
    }

    private static List<(string Id, Action Register)> TryRegister(List<(string Id, Action Register)> jobs, ILogger logger)
    {
        var left = new List<(string Id, Action Register)>();
        foreach (var job in jobs)
        {
            try
            {
                job.Register();
            }
            catch (Exception ex) when (ex is PostgreSqlDistributedLockException or Hangfire.Storage.DistributedLockTimeoutException)
            {
                logger.LogWarning("The recurring job {Job} could not be registered now: another process holds its lock ({Message}). " +
                    "It keeps its stored schedule; trying again in the background.", job.Id, ex.Message);
                left.Add(job);
            }
        }
        return left;
    }

    private static bool DeadConnection(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is Npgsql.NpgsqlException { IsTransient: true } or Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" }) return true;
        }
        return false;
    }
}

/// <summary>Lets only platform operators into the Hangfire dashboard.</summary>
public sealed class OperatorDashboardAuthorizationFilter : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.User.Identity?.IsAuthenticated != true) return false;
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, PlatformOperatorRequirement.Policy)).Succeeded;
    }
}

/// <summary>
/// A platform operator: an account whose email is listed in Security:PlatformOperators (read at each request, so a
/// change of configuration applies at once), which has two-step sign-in set up when its clinic requires it.
/// </summary>
public sealed class PlatformOperatorRequirement : IAuthorizationRequirement
{
    public const string Policy = "PlatformOperator";
}

public sealed class PlatformOperatorHandler(Microsoft.Extensions.Options.IOptionsMonitor<SecurityOptions> options, PhysioPortal.Core.Data.PortalDbContext db)
    : AuthorizationHandler<PlatformOperatorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PlatformOperatorRequirement requirement)
    {
        var user = context.User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = user.Identity?.Name;
        if (userId is null || name is null) return;
        if (!options.CurrentValue.PlatformOperators.Contains(name, StringComparer.OrdinalIgnoreCase)) return;
        if (await TwoFactorRequirement.MustSetUpAsync(db, userId)) return;
        context.Succeed(requirement);
    }
}
