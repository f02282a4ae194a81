using System.Text.RegularExpressions;
using PhysioPortal.Core;
using PhysioPortal.Core.Adherence;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Reminders;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Display;

/// <summary>No code such as "AboutRight" or "ClinicianDigest" reaches a person: every shown enum has a name in Core.</summary>
[Collection(PortalCollection.Name)]
public partial class DisplayNamesTests(PortalFactory factory)
{
    [GeneratedRegex("^[A-Z][a-z0-9]+[A-Z]")]
    private static partial Regex PascalCase();

    /// <summary>Every multi-word code of every enum in Core (shown or not): none may appear as a word on a page.</summary>
    private static readonly string[] Codes = typeof(DisplayNames).Assembly.GetTypes().Where(t => t.IsEnum)
        .SelectMany(Enum.GetNames).Where(n => PascalCase().IsMatch(n)).Distinct().ToArray();

    public static TheoryData<string> ShownEnums() => new(DisplayNames.Shown.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(ShownEnums))]
    public void Every_value_of_a_shown_enum_has_a_readable_name(string enumName)
    {
        var type = DisplayNames.Shown.Single(t => t.Name == enumName);
        foreach (Enum value in Enum.GetValues(type))
        {
            var name = DisplayNames.Of(value);
            Assert.False(string.IsNullOrWhiteSpace(name), $"{type.Name}.{value}");
            Assert.DoesNotMatch(PascalCase(), name);
            Assert.DoesNotContain(name, Codes);
        }
    }

    private static void AssertNoCodes(AngleSharp.Html.Dom.IHtmlDocument page, string where)
    {
        var text = page.Body!.TextContent;
        var found = Codes.Where(c => Regex.IsMatch(text, $@"\b{c}\b")).ToList();
        Assert.True(found.Count == 0, $"{where} shows codes: {string.Join(", ", found)}");
    }

    [Fact]
    public async Task Pages_show_names_for_every_difficulty_source_email_kind_and_state()
    {
        var clinic = await factory.ClinicAsync();
        var patient = await factory.PatientAsync(clinic.Id, p => { p.Conditions = ConditionSet.Sciatica; p.SciaticaSide = AffectedSide.Both; });
        var today = LocalDates.PatientToday(patient.TimeZoneId, DateTimeOffset.UtcNow);
        var rx = await factory.PrescriptionAsync(clinic.Id, patient.Id, today.AddDays(-10));
        await using (var s = factory.SystemDb())
        {
            var versionId = s.Db.PrescriptionVersions.Single(v => v.PrescriptionId == rx.Id).Id;
            var difficulties = Enum.GetValues<Difficulty>();
            var sources = Enum.GetValues<LogSource>();
            for (var i = 0; i < difficulties.Length + sources.Length; i++)
            {
                s.Db.SessionLogs.Add(new SessionLog
                {
                    Id = Guid.NewGuid(), ClinicId = clinic.Id, PatientId = patient.Id, PrescriptionId = rx.Id, PrescriptionVersionId = versionId,
                    LocalDate = today.AddDays(-i), PainBefore = 5, PainAfter = 3,
                    Difficulty = difficulties[i % difficulties.Length], Source = sources[i % sources.Length],
                    LoggedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
                });
            }
            foreach (var kind in Enum.GetValues<EmailKind>())
            {
                foreach (var state in Enum.GetValues<EmailState>())
                {
                    s.Db.ScheduledEmails.Add(new ScheduledEmail
                    {
                        Id = Guid.NewGuid(), ClinicId = clinic.Id, Kind = kind, State = state, PatientId = patient.Id, PrescriptionId = rx.Id,
                        UniqueKey = $"display-test:{kind}:{state}:{Guid.NewGuid()}", DueAt = DateTimeOffset.UtcNow, CreatedAt = DateTimeOffset.UtcNow,
                    });
                }
            }
            await s.Db.SaveChangesAsync();
        }

        var (admin, _) = await factory.SignedInAsync(clinic.Id, Roles.Admin);
        foreach (var url in new[] { "/admin", "/admin/emails", "/admin/settings", $"/clinic/patients/{patient.Id}", $"/clinic/patients/{patient.Id}/edit",
                     $"/clinic/patients/{patient.Id}/prescribe", "/clinic/patients/new" })
        {
            var (response, page) = await admin.GetPageAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            AssertNoCodes(page, url);
        }
        var (_, emails) = await admin.GetPageAsync("/admin/emails");
        var kinds = emails.QuerySelectorAll("#Kind option").Select(o => o.TextContent.Trim()).ToList();
        foreach (var kind in Enum.GetValues<EmailKind>()) Assert.Contains(kind.Label(), kinds);
        var sessions = (await admin.GetPageAsync($"/clinic/patients/{patient.Id}")).Document.QuerySelector(".sessions-table")!.TextContent;
        foreach (var d in Enum.GetValues<Difficulty>()) Assert.Contains(d.Label(), sessions);

        var (me, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        foreach (var url in new[] { "/me", "/me/history", "/me/log", "/me/settings" })
        {
            var (response, page) = await me.GetPageAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            AssertNoCodes(page, url);
        }
    }
}
