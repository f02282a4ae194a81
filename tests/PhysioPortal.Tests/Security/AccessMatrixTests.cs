using System.Net;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;
using PhysioPortal.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PhysioPortal.Tests.Security;

/// <summary>
/// Every page and endpoint of the portal, read from the app's own endpoint data, requested as six identities. A new
/// page that is not in the table below fails this test until someone says who may see it.
/// </summary>
[Collection(PortalCollection.Name)]
public class AccessMatrixTests(PortalFactory factory, ITestOutputHelper output)
{
    private enum Area
    {
        Landing,        // "/": a welcome for visitors, a redirect home for everyone signed in
        Public,         // anyone, 200
        Forbidden,      // the access-denied page: 403 for everyone
        Token,          // pages opened by a link token: a made-up token is 404 for everyone
        SecondStep,     // the 2FA code page: without a password step first, back to the login page
        StaffAccount,   // a staff member's own account security page
        Account,        // any signed-in person's own account page (their sessions)
        Clinic,         // clinicians and admins of the clinic; records of another clinic are 404
        Me,             // the signed-in patient only; never takes ids
        Admin,          // admins only
        Dashboard,      // the Hangfire dashboard: platform operators only (none of these identities)
        OperatorPort,   // served on the operator's metrics listener only: 404 on the portal's port for everyone
        BenchOnly,      // the bench's yardstick pages: 404 for everyone unless the bench turns them on (never in production)
    }

    private static readonly Dictionary<string, Area> Expected = new(StringComparer.OrdinalIgnoreCase)
    {
        [""] = Area.Landing,
        ["index"] = Area.Landing,
        ["error"] = Area.Public,
        ["health"] = Area.Public,
        ["health/live"] = Area.Public,
        ["health/ready"] = Area.Public,
        ["metrics"] = Area.OperatorPort,
        ["bench/floor"] = Area.BenchOnly,
        ["bench/ceiling"] = Area.BenchOnly,
        ["identity/account/login"] = Area.Public,
        ["identity/account/logout"] = Area.Public,
        ["identity/account/forgotpassword"] = Area.Public,
        ["identity/account/resetpassword"] = Area.Public,
        ["identity/account/accessdenied"] = Area.Forbidden,
        ["identity/account/loginwith2fa"] = Area.SecondStep,
        ["identity/account/manage/twofactor"] = Area.StaffAccount,
        ["identity/account/manage/sessions"] = Area.Account,
        ["invite/{token}"] = Area.Token,
        ["log/{token}"] = Area.Token,
        ["questionnaire/{token}"] = Area.Token,
        ["calendar/{token}.ics"] = Area.Token,
        ["unsubscribe/{token}"] = Area.Token,
        ["unsubscribe/digest/{token}"] = Area.Token,
        ["clinic"] = Area.Clinic,
        ["clinic/index"] = Area.Clinic,
        ["clinic/digest"] = Area.Clinic,
        ["clinic/library"] = Area.Clinic,
        ["clinic/library/index"] = Area.Clinic,
        ["clinic/library/{slug}"] = Area.Clinic,
        ["clinic/library/new"] = Area.Clinic,
        ["clinic/library/{slug}/edit"] = Area.Clinic,
        ["clinic/templates"] = Area.Clinic,
        ["clinic/templates/index"] = Area.Clinic,
        ["clinic/templates/{slug}"] = Area.Clinic,
        ["clinic/templates/new"] = Area.Clinic,
        ["clinic/templates/{slug}/edit"] = Area.Clinic,
        ["clinic/favourites"] = Area.Clinic,
        ["clinic/favourites/index"] = Area.Clinic,
        ["clinic/patients"] = Area.Clinic,
        ["clinic/patients/index"] = Area.Clinic,
        ["clinic/patients/new"] = Area.Clinic,
        ["clinic/patients/{id:guid}"] = Area.Clinic,
        ["clinic/patients/{id:guid}/edit"] = Area.Clinic,
        ["clinic/patients/{id:guid}/archive"] = Area.Clinic,
        ["clinic/patients/{id:guid}/prescribe"] = Area.Clinic,
        ["clinic/patients/{id:guid}/outcomes"] = Area.Clinic,
        ["clinic/alerts"] = Area.Clinic,
        ["clinic/alerts/index"] = Area.Clinic,
        ["clinic/alerts/{id:guid}"] = Area.Clinic,
        ["clinic/prescriptions/{id:guid}/versions/{number:int}"] = Area.Clinic,
        ["clinic/prescriptions/{id:guid}/handout.pdf"] = Area.Clinic,
        ["me"] = Area.Me,
        ["me/index"] = Area.Me,
        ["me/log"] = Area.Me,
        ["me/history"] = Area.Me,
        ["me/outcomes"] = Area.Me,
        ["me/settings"] = Area.Me,
        ["me/calendar.ics"] = Area.Me,
        ["me/handout.pdf"] = Area.Me,
        ["admin"] = Area.Admin,
        ["admin/index"] = Area.Admin,
        ["admin/audit"] = Area.Admin,
        ["admin/settings"] = Area.Admin,
        ["admin/emails"] = Area.Admin,
        ["admin/email-test"] = Area.Admin,
        ["admin/patients/{id:guid}/export"] = Area.Admin,
        ["admin/patients/{id:guid}/erase"] = Area.Admin,
        ["admin/jobs/{**path}"] = Area.Dashboard,
    };

    private enum Who { Anonymous, PatientOwn, PatientWithOthersIds, ClinicianOtherClinicIds, ClinicianOwn, Admin }

    private sealed record Ids(Guid PatientId, Guid PrescriptionId, string ExerciseSlug, Guid AlertId, string RoutineSlug);

    /// <summary>The GET-able routes of the app: Razor pages, health and the dashboard; not static files.</summary>
    private List<string> Routes()
    {
        _ = factory.Server;
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null
                        || e.RoutePattern.RawText?.TrimStart('/').StartsWith("health", StringComparison.OrdinalIgnoreCase) == true
                        || e.RoutePattern.RawText?.Contains("admin/jobs", StringComparison.OrdinalIgnoreCase) == true)
            .Select(e => (e.RoutePattern.RawText ?? "").Trim('/'))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order()
            .ToList();
    }

    [Fact]
    public void Every_route_of_the_app_is_in_the_table()
    {
        var routes = Routes();
        var missing = routes.Where(r => !Expected.ContainsKey(r)).ToList();
        Assert.True(missing.Count == 0, "Not in the access table: " + string.Join(", ", missing));
        Assert.True(routes.Count >= 40, $"Only {routes.Count} routes found: the endpoint data was not read");
    }

    [Fact]
    public async Task Every_route_answers_each_identity_as_the_rules_say()
    {
        // Clinic 1 with its patient A (with an account and a routine), patient B, and staff; clinic 2 with its own.
        var clinic1 = await factory.ClinicAsync();
        var clinic2 = await factory.ClinicAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var patientA = await factory.PatientAsync(clinic1.Id, p => p.Conditions = ConditionSet.LowerBack);
        var patientB = await factory.PatientAsync(clinic1.Id, p => p.Notes = "matrix secret");
        var other = await factory.PatientAsync(clinic2.Id);
        var rxA = await factory.PrescriptionAsync(clinic1.Id, patientA.Id, today.AddDays(-3));
        var rxB = await factory.PrescriptionAsync(clinic1.Id, patientB.Id, today.AddDays(-3));
        var rxOther = await factory.PrescriptionAsync(clinic2.Id, other.Id, today.AddDays(-3));
        // Each clinic's own exercise: the library's {slug} pages use them (a built-in one has no edit page).
        var own = (await factory.OwnExerciseAsync(clinic1.Id)).Slug;
        var othersOwn = (await factory.OwnExerciseAsync(clinic2.Id, e => e.Name = other.LastName)).Slug;
        // Each clinic's own routine: the routines' {slug} pages use them (a built-in one has no edit page).
        var routine = (await factory.OwnRoutineAsync(clinic1.Id)).Slug;
        var othersRoutine = (await factory.OwnRoutineAsync(clinic2.Id, other.LastName)).Slug;
        var alertA = await AlertAsync(clinic1.Id, patientA.Id, rxA.Id);
        var alertB = await AlertAsync(clinic1.Id, patientB.Id, rxB.Id);
        var alertOther = await AlertAsync(clinic2.Id, other.Id, rxOther.Id);

        // For each identity: its client, the ids it puts in URLs, and the patient it must never see.
        var clients = new Dictionary<Who, (PortalClient Client, Ids Ids, Patient Hidden)>
        {
            [Who.Anonymous] = (factory.Client(), new Ids(patientA.Id, rxA.Id, own, alertA, routine), patientA),
            [Who.PatientOwn] = ((await factory.SignedInAsync(clinic1.Id, Roles.Patient, patientA.Id)).Client, new Ids(patientA.Id, rxA.Id, own, alertA, routine), patientB),
            [Who.ClinicianOwn] = ((await factory.SignedInAsync(clinic1.Id, Roles.Clinician)).Client, new Ids(patientA.Id, rxA.Id, own, alertA, routine), other),
            [Who.Admin] = ((await factory.SignedInAsync(clinic1.Id, Roles.Admin)).Client, new Ids(patientA.Id, rxA.Id, own, alertA, routine), other),
        };
        clients[Who.PatientWithOthersIds] = (clients[Who.PatientOwn].Client, new Ids(patientB.Id, rxB.Id, own, alertB, routine), patientB);
        clients[Who.ClinicianOtherClinicIds] = (clients[Who.ClinicianOwn].Client, new Ids(other.Id, rxOther.Id, othersOwn, alertOther, othersRoutine), other);

        var failures = new List<string>();
        var requests = 0;
        foreach (var route in Routes().Concat(Expected.Where(e => e.Value == Area.OperatorPort).Select(e => e.Key)))
        {
            var area = Expected[route];
            foreach (var (who, (client, ids, hidden)) in clients)
            {
                var url = "/" + Fill(route, ids);
                var response = await client.GetAsync(url);
                requests++;
                var body = await response.Content.ReadAsStringAsync();
                var (ok, expected) = Check(area, who, route, response);
                if (!ok) failures.Add($"{who} GET {url}: {(int)response.StatusCode} {response.Headers.Location}, expected {expected}");
                // No response may carry the name or email of someone this identity must not see.
                if (body.Contains(hidden.LastName, StringComparison.Ordinal) || body.Contains(hidden.Email!, StringComparison.OrdinalIgnoreCase))
                    failures.Add($"{who} GET {url}: the response shows {hidden.FullName}");
                // A link written with asp-page to a page that no longer exists renders as href="": a broken link.
                if (body.Contains("href=\"\"", StringComparison.Ordinal))
                    failures.Add($"{who} GET {url}: a link to a page that does not exist (href=\"\")");
            }
        }
        output.WriteLine($"{Routes().Count} routes × {clients.Count} identities = {requests} requests");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<Guid> AlertAsync(Guid clinicId, Guid patientId, Guid prescriptionId)
    {
        await using var s = factory.SystemDb();
        var alert = new PhysioPortal.Core.Alerts.Alert
        {
            Id = Guid.NewGuid(), ClinicId = clinicId, PatientId = patientId, PrescriptionId = prescriptionId,
            Kind = PhysioPortal.Core.Alerts.AlertKind.MissedDays, UniqueKey = $"matrix:{Guid.NewGuid()}", Summary = "Matrix alert", RaisedAt = DateTimeOffset.UtcNow,
        };
        s.Db.Alerts.Add(alert);
        await s.Db.SaveChangesAsync();
        return alert.Id;
    }

    private static string Fill(string route, Ids ids) => route
        .Replace("{id:guid}", route.StartsWith("clinic/prescriptions", StringComparison.OrdinalIgnoreCase) ? ids.PrescriptionId.ToString()
            : route.StartsWith("clinic/alerts", StringComparison.OrdinalIgnoreCase) ? ids.AlertId.ToString() : ids.PatientId.ToString(), StringComparison.Ordinal)
        .Replace("{number:int}", "1", StringComparison.Ordinal)
        .Replace("{slug}", route.StartsWith("clinic/templates", StringComparison.OrdinalIgnoreCase) ? ids.RoutineSlug : ids.ExerciseSlug, StringComparison.Ordinal)
        .Replace("{token}", "made-up-token-0123456789", StringComparison.Ordinal)
        .Replace("{**path}", "", StringComparison.Ordinal);

    private static string RedirectPath(HttpResponseMessage r) =>
        r.Headers.Location is not { } l ? "" : l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString;

    private static bool IsLogin(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && RedirectPath(r).StartsWith("/identity/account/login", StringComparison.OrdinalIgnoreCase);

    private static bool IsDenied(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && RedirectPath(r).StartsWith("/identity/account/accessdenied", StringComparison.OrdinalIgnoreCase);

    private static (bool Ok, string Expected) Check(Area area, Who who, string route, HttpResponseMessage r)
    {
        var ok = r.StatusCode == HttpStatusCode.OK;
        var staff = who is Who.ClinicianOwn or Who.ClinicianOtherClinicIds or Who.Admin;
        var patient = who is Who.PatientOwn or Who.PatientWithOthersIds;
        return area switch
        {
            Area.Landing => who == Who.Anonymous ? (ok, "200") : (r.StatusCode == HttpStatusCode.Redirect, "a redirect home"),
            Area.Public => (ok, "200"),
            Area.Forbidden => (r.StatusCode == HttpStatusCode.Forbidden, "403"),
            Area.Token => (r.StatusCode == HttpStatusCode.NotFound, "404"),
            Area.SecondStep => (IsLogin(r), "the login page"),
            Area.StaffAccount => who == Who.Anonymous ? (IsLogin(r), "login") : patient ? (IsDenied(r), "access denied") : (ok, "200"),
            Area.Account => who == Who.Anonymous ? (IsLogin(r), "login") : (ok, "200"),
            Area.Clinic => who == Who.Anonymous ? (IsLogin(r), "login")
                : patient ? (IsDenied(r), "access denied")
                : who == Who.ClinicianOtherClinicIds && (route.Contains("{id", StringComparison.Ordinal) || route.StartsWith("clinic/library/{slug}", StringComparison.Ordinal)
                                                         || route.StartsWith("clinic/templates/{slug}", StringComparison.Ordinal))
                    ? (r.StatusCode == HttpStatusCode.NotFound, "404")
                : (ok, "200"),
            Area.Me => who == Who.Anonymous ? (IsLogin(r), "login") : staff ? (IsDenied(r), "access denied") : (ok, "200"),
            Area.Admin => who == Who.Anonymous ? (IsLogin(r), "login") : who == Who.Admin ? (ok, "200") : (IsDenied(r), "access denied"),
            // Every clinic's jobs: no clinic's admin, only a configured platform operator (DashboardTests).
            Area.Dashboard => (!ok && r.StatusCode != HttpStatusCode.InternalServerError, "refused"),
            Area.OperatorPort or Area.BenchOnly => (r.StatusCode == HttpStatusCode.NotFound, "404"),
            _ => (false, "a rule"),
        };
    }
}
