using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PhysioPortal.Core.Adherence;

namespace PhysioPortal.Core.Reminders;

/// <summary>What a patient email needs to say: the clinic, the routine, the links. No clinical detail beyond the routine.</summary>
public sealed record PatientEmailModel
{
    public required string ClinicName { get; init; }
    public string? ClinicPhone { get; init; }
    public required string FirstName { get; init; }
    public required string RoutineTitle { get; init; }
    public required string ClinicianName { get; init; }
    public int VersionNumber { get; init; } = 1;
    public int ExerciseCount { get; init; }
    public required string DaysText { get; init; }
    public int SessionsPerDay { get; init; } = 1;
    public DateOnly StartDate { get; init; }
    public DateOnly EndDate { get; init; }
    public string? NoteToPatient { get; init; }

    /// <summary>The patient's local date the email is about (the reminder's day).</summary>
    public DateOnly LocalDate { get; init; }

    public required string PortalUrl { get; init; }
    public required string LogUrl { get; init; }
    public required string HandoutUrl { get; init; }
    public required string UnsubscribeUrl { get; init; }

    /// <summary>The one-tap log link for <see cref="LocalDate"/> (reminders, and nudges on a scheduled day).</summary>
    public string? OneTapLogUrl { get; init; }

    /// <summary>The questionnaire email's link to its form (<see cref="EmailKind.Questionnaire"/>).</summary>
    public string? QuestionnaireUrl { get; init; }

    /// <summary>True when the handout PDF is attached (otherwise the email links to it).</summary>
    public bool HandoutAttached { get; init; }

    /// <summary>The patient can sign in; without an account the portal's pages would not open for them.</summary>
    public bool HasAccount { get; init; } = true;

    /// <summary>An invitation link (routine emails before the patient has an account) and the last day it works.</summary>
    public string? InvitationUrl { get; init; }
    public DateOnly InvitationUntil { get; init; }

    /// <summary>The stop-signs paragraph adds the signs of pregnancy.</summary>
    public bool IsPregnant { get; init; }
}

/// <summary>One patient in a clinician's weekly digest.</summary>
public sealed record DigestRow(string PatientName, string Routine, Adherence.Adherence Week, Adherence.PainTrend Pain, string Url);

/// <summary>One alert in a clinician's weekly digest: its kind and state in words, what it says, when, and its page.</summary>
public sealed record DigestAlert(string Kind, string State, string Summary, DateOnly RaisedOn, string Url);

/// <summary>A patient's alerts of the week in the digest.</summary>
public sealed record DigestAlertGroup(string PatientName, IReadOnlyList<DigestAlert> Alerts);

public sealed record DigestModel(string ClinicName, string ClinicianName, DateOnly WeekOf, IReadOnlyList<DigestRow> Patients, string PortalUrl)
{
    /// <summary>The clinician's own link to stop the weekly digest.</summary>
    public string? UnsubscribeUrl { get; init; }

    /// <summary>The week's alerts that are not urgent (warning signs were emailed at once), per patient.</summary>
    public IReadOnlyList<DigestAlertGroup> Alerts { get; init; } = [];

    /// <summary>Alerts of the week beyond those listed (the inbox has them all).</summary>
    public int MoreAlerts { get; init; }
}

/// <summary>An urgent alert for a clinician: who, what (in the alert's words), and the link to it.</summary>
public sealed record AlertEmailModel(string ClinicName, string ClinicianName, string PatientName, string Summary, string AlertUrl);

/// <summary>A composed email: subject, plain text and HTML.</summary>
public sealed record ComposedEmail(string Subject, string Text, string Html);

/// <summary>
/// What each email says, in plain words, as plain text and as simple accessible HTML (one column, real headings and
/// links, large text, a high-contrast button, the language set). The texts live here, not in the sender.
/// </summary>
public static class EmailComposer
{
    private static readonly HtmlEncoder Enc = HtmlEncoder.Default;
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    public static ComposedEmail NewPrescription(PatientEmailModel m)
    {
        var updated = m.VersionNumber > 1;
        var subject = updated ? $"{m.ClinicName}: your exercise routine has been updated" : $"{m.ClinicName}: your exercise routine";
        var intro = updated
            ? $"{m.ClinicianName} has updated your home exercise routine \"{m.RoutineTitle}\"."
            : $"{m.ClinicianName} has set up your home exercise routine \"{m.RoutineTitle}\".";
        var plan = $"{Count(m.ExerciseCount, "exercise")}, {m.DaysText.ToLowerInvariant()}, {Times(m.SessionsPerDay)}, from {Date(m.StartDate)} to {Date(m.EndDate)}.";
        var handout = m.HandoutAttached
            ? "Your handout is attached as a PDF: print it or keep it on your phone."
            : "Download or print your handout:";
        var paragraphs = new List<Part> { Para($"Hello {m.FirstName},"), Para(intro), Para(plan) };
        if (!string.IsNullOrWhiteSpace(m.NoteToPatient)) paragraphs.Add(Quote(m.NoteToPatient.Trim()));
        if (m.InvitationUrl is not null)
        {
            paragraphs.Add(m.HandoutAttached ? Para(handout) : Para("Your handout is waiting in your account."));
            paragraphs.Add(Para("To see your exercises online and log your sessions, choose a password:"));
            paragraphs.Add(Button("Set up my account", m.InvitationUrl));
            paragraphs.Add(Para($"The link works until {Date(m.InvitationUntil)}. After that, ask {m.ClinicName} to send a new one."));
        }
        else
        {
            paragraphs.Add(Button("See your exercises", m.PortalUrl));
            paragraphs.Add(m.HandoutAttached ? Para(handout) : Link(handout, "Your handout (PDF)", m.HandoutUrl));
        }
        paragraphs.Add(Para(Safety.StopSigns.InOneParagraph(m.IsPregnant)));
        return Build(subject, updated ? "Your routine has been updated" : "Your exercise routine", paragraphs, m.ClinicName, m.ClinicPhone, m.UnsubscribeUrl);
    }

    public static ComposedEmail Reminder(PatientEmailModel m)
    {
        var subject = $"Time for your exercises: {m.RoutineTitle}";
        var paragraphs = new List<Part>
        {
            Para($"Hello {m.FirstName},"),
            Para($"Today's routine: {Count(m.ExerciseCount, "exercise")}, {Times(m.SessionsPerDay)}."),
        };
        if (m.OneTapLogUrl is not null)
        {
            paragraphs.Add(Button("Log today's session", m.OneTapLogUrl));
            paragraphs.Add(Para("The button opens a short form: no password needed, and nothing is saved until you press Save there."));
        }
        paragraphs.Add(RoutineLink(m));
        return Build(subject, "Time for your exercises", paragraphs, m.ClinicName, m.ClinicPhone, m.UnsubscribeUrl);
    }

    public static ComposedEmail CheckIn(PatientEmailModel m)
    {
        var subject = $"How is it going? A week of {m.RoutineTitle}";
        var paragraphs = new List<Part>
        {
            Para($"Hello {m.FirstName},"),
            Para($"You started \"{m.RoutineTitle}\" a week ago. How is it going?"),
            Para("Logging your sessions, with your pain before and after, helps your clinician see how the exercises work for you."),
            m.HasAccount ? Button("Log a session", m.LogUrl) : NoAccount(m),
            Para(m.ClinicPhone is null
                ? "If an exercise hurts or is too hard, tell your clinic at your next visit or by replying to them."
                : $"If an exercise hurts or is too hard, call {m.ClinicName} on {m.ClinicPhone}."),
        };
        return Build(subject, "How is it going?", paragraphs, m.ClinicName, m.ClinicPhone, m.UnsubscribeUrl);
    }

    public static ComposedEmail Nudge(PatientEmailModel m)
    {
        var subject = $"Your exercises are waiting: {m.RoutineTitle}";
        var paragraphs = new List<Part>
        {
            Para($"Hello {m.FirstName},"),
            Para("We have not seen a session logged for a few days. That happens; a short session today still helps."),
        };
        if (m.OneTapLogUrl is not null) paragraphs.Add(Button("Log today's session", m.OneTapLogUrl));
        else if (m.HasAccount) paragraphs.Add(Button("Log a session", m.LogUrl));
        paragraphs.Add(RoutineLink(m));
        paragraphs.Add(Para(m.ClinicPhone is null
            ? "If pain or something else stops you, let your clinic know."
            : $"If pain or something else stops you, call {m.ClinicName} on {m.ClinicPhone}."));
        return Build(subject, "Your exercises are waiting", paragraphs, m.ClinicName, m.ClinicPhone, m.UnsubscribeUrl);
    }

    /// <summary>
    /// The outcome questionnaire: at the start of the routine (the baseline) and every 2 weeks after; its button opens
    /// the form without a password.
    /// </summary>
    public static ComposedEmail Questionnaire(PatientEmailModel m)
    {
        var first = m.LocalDate <= m.StartDate;
        var subject = first ? $"Before you start: 2 minutes for your clinician at {m.ClinicName}" : $"How are you doing? 2 minutes for your clinician at {m.ClinicName}";
        var paragraphs = new List<Part>
        {
            Para($"Hello {m.FirstName},"),
            Para(first
                ? $"As you start \"{m.RoutineTitle}\", {m.ClinicianName} would like to know which everyday activities are hard for you, and how hard. You answer again every two weeks, so you both can see what changes."
                : $"It is time for your two-weekly questions about \"{m.RoutineTitle}\": how well you can do the activities you named, and how you are compared with the start."),
        };
        if (m.QuestionnaireUrl is not null)
        {
            paragraphs.Add(Button("Answer the questions", m.QuestionnaireUrl));
            paragraphs.Add(Para("The button opens the questions on your phone or computer: no password needed, and nothing is saved until you press Save there. The link works for a week."));
        }
        paragraphs.Add(Para(m.ClinicPhone is null
            ? "If something has got worse, tell your clinic at your next visit or by replying to them."
            : $"If something has got worse, call {m.ClinicName} on {m.ClinicPhone}."));
        return Build(subject, first ? "Before you start" : "How are you doing?", paragraphs, m.ClinicName, m.ClinicPhone, m.UnsubscribeUrl);
    }

    public static ComposedEmail Digest(DigestModel m)
    {
        var alerts = m.Alerts.Sum(g => g.Alerts.Count) + m.MoreAlerts;
        var subject = alerts == 0 ? $"{m.ClinicName}: {Count(m.Patients.Count, "patient")} slipping this week"
            : m.Patients.Count == 0 ? $"{m.ClinicName}: {Count(alerts, "alert")} this week"
            : $"{m.ClinicName}: {Count(m.Patients.Count, "patient")} slipping, {Count(alerts, "alert")} this week";
        var parts = new List<Part> { Para($"Hello {m.ClinicianName},") };
        if (m.Patients.Count > 0)
        {
            parts.Add(Para($"Your patients who are slipping, week of {Date(m.WeekOf)}. {Adherence.SlippingPatients.Rule} Worst first:"));
            parts.Add(new Part.Rows(m.Patients));
        }
        else
        {
            parts.Add(Para($"No patient is slipping, week of {Date(m.WeekOf)}."));
        }
        if (alerts > 0)
        {
            parts.Add(new Part.Heading("Alerts this week"));
            parts.Add(Para("Raised from what your patients reported during the week. Warning signs were emailed to you at once and are not repeated here."));
            parts.Add(new Part.AlertGroups(m.Alerts));
            if (m.MoreAlerts > 0) parts.Add(Para($"And {Count(m.MoreAlerts, "more alert")}: see them all in your alerts inbox."));
        }
        parts.Add(Link("See all your patients:", "Open PhysioPortal", m.PortalUrl));
        return Build(subject, alerts == 0 ? "Patients who are slipping" : "Your week: slipping patients and alerts", parts, m.ClinicName, null, m.UnsubscribeUrl,
            $"you work at {m.ClinicName} and get its weekly digest on PhysioPortal");
    }

    /// <summary>The invitation to set a password (no unsubscribe: it comes once, because the clinic sent it).</summary>
    public static ComposedEmail Invitation(string clinicName, string firstName, string link, DateOnly expires)
    {
        var parts = new List<Part>
        {
            Para($"Hello {firstName},"),
            Para($"{clinicName} has set up your home exercise programme on PhysioPortal. Choose a password to see your exercises, log your sessions and print your handout."),
            Button("Set up my account", link),
            Para($"The link works until {Date(expires)}. If you were not expecting this email, you can ignore it."),
        };
        return Build($"{clinicName}: your exercise programme", "Your exercise programme", parts, clinicName, null, null);
    }

    /// <summary>
    /// Sent instead of an invitation when the address already has an account with another clinic: the clinician sees the
    /// same answer as for a sent invitation (they must not learn who has an account elsewhere); the inbox's owner is told.
    /// </summary>
    public static ComposedEmail AddressTaken(string clinicName, string firstName)
    {
        var parts = new List<Part>
        {
            Para($"Hello {firstName},"),
            Para($"{clinicName} tried to set up your home exercise programme on PhysioPortal with this email address, but the address already belongs to a PhysioPortal account (perhaps with another clinic). One address can have only one account: please give {clinicName} a different email address."),
            Para("If you were not expecting this email, you can ignore it."),
        };
        return Build($"{clinicName}: your exercise programme", "Your exercise programme", parts, clinicName, null, null);
    }

    /// <summary>The password reset link, which goes only to the address that asked (no unsubscribe: it comes when asked for).</summary>
    public static ComposedEmail PasswordReset(string displayName, string link)
    {
        var parts = new List<Part>
        {
            Para($"Hello {displayName},"),
            Para("Someone (we hope you) asked to reset your PhysioPortal password. Choose a new password within two hours:"),
            Button("Choose a new password", link),
            Para("If it was not you, ignore this email: your password stays as it is."),
        };
        return Build("Reset your PhysioPortal password", "Reset your password", parts, "PhysioPortal", null, null);
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Times(int sessions) => Adherence.PatientSchedule.SessionsText(sessions);

    private static string Date(DateOnly d) => d.ToString("dddd d MMMM yyyy", En);

    private abstract record Part
    {
        public sealed record Paragraph(string Text) : Part;
        public sealed record Quoted(string Text) : Part;
        public sealed record ButtonLink(string Label, string Url) : Part;
        public sealed record TextLink(string Lead, string Label, string Url) : Part;
        public sealed record Rows(IReadOnlyList<DigestRow> Patients) : Part;
        public sealed record Heading(string Text) : Part;
        public sealed record AlertGroups(IReadOnlyList<DigestAlertGroup> Groups) : Part;
    }

    /// <summary>
    /// A warning sign in a patient's note, at once. The note itself stays in the portal (behind sign-in): the email
    /// names the sign and links to the alert.
    /// </summary>
    public static ComposedEmail ClinicianAlert(AlertEmailModel m)
    {
        var parts = new List<Part>
        {
            Para($"Hello {m.ClinicianName},"),
            Para($"{m.PatientName}: {m.Summary}"),
            Para("The patient was told, in the words of the handout's stop box, to contact the clinic, or urgent care if it is sudden or severe."),
            Button("Open the alert", m.AlertUrl),
        };
        return Build($"{m.ClinicName}: a patient's note names a warning sign", "A warning sign in a patient's note", parts, m.ClinicName, null, null);
    }

    /// <summary>Each patient's alerts under their name: kind and state (a link to the alert), the date, what it says.</summary>
    private static void AppendAlertGroups(StringBuilder text, StringBuilder html, IReadOnlyList<DigestAlertGroup> groups)
    {
        foreach (var group in groups)
        {
            var heading = $"{group.PatientName} ({Count(group.Alerts.Count, "alert")})";
            text.Append(heading).Append('\n');
            html.Append("<h3 style=\"margin:16px 0 4px;font-size:18px;color:#1f2933\">").Append(Enc.Encode(heading)).Append("</h3><ul style=\"margin:0 0 12px;padding-left:20px;font-size:16px\">");
            foreach (var a in group.Alerts)
            {
                var when = a.RaisedOn.ToString("ddd d MMM", En);
                text.Append("- ").Append(a.Kind).Append(" (").Append(a.State).Append("), ").Append(when).Append(": ").Append(a.Summary).Append("  ").Append(a.Url).Append('\n');
                html.Append("<li style=\"margin:0 0 6px\"><a href=\"").Append(Enc.Encode(a.Url)).Append("\" style=\"color:#0f5f59\">").Append(Enc.Encode(a.Kind))
                    .Append("</a> (").Append(Enc.Encode(a.State)).Append("), ").Append(Enc.Encode(when)).Append(": ").Append(Enc.Encode(a.Summary)).Append("</li>");
            }
            text.Append('\n');
            html.Append("</ul>");
        }
    }

    private static Part Para(string text) => new Part.Paragraph(text);
    private static Part Quote(string text) => new Part.Quoted(text);
    private static Part Button(string label, string url) => new Part.ButtonLink(label, url);

    /// <summary>The link to the routine on the site, or where the steps are for a patient who cannot sign in yet.</summary>
    private static Part RoutineLink(PatientEmailModel m) =>
        m.HasAccount ? Link("See the exercises with their steps:", "Open my routine", m.PortalUrl) : NoAccount(m);

    private static Part NoAccount(PatientEmailModel m) =>
        Para($"Your handout has the steps of each exercise. To log sessions and see your history online, set up your account with the link in the email with your routine, or ask {m.ClinicName} for a new one.");
    private static Part Link(string lead, string label, string url) => new Part.TextLink(lead, label, url);

    private static ComposedEmail Build(string subject, string heading, IReadOnlyList<Part> parts, string clinicName, string? clinicPhone, string? unsubscribeUrl,
        string? why = null)
    {
        why ??= $"{clinicName} set up your exercise routine on PhysioPortal";
        var text = new StringBuilder();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(Enc.Encode(subject)).Append("</title></head>")
            .Append("<body style=\"margin:0;padding:0;background:#f4f6f8;color:#1f2933;font-family:Arial,Helvetica,sans-serif;font-size:18px;line-height:1.5\">")
            .Append("<div style=\"max-width:600px;margin:0 auto;padding:24px;background:#ffffff\">")
            .Append("<p style=\"margin:0 0 8px;font-size:16px;color:#3e4c59\">").Append(Enc.Encode(clinicName)).Append("</p>")
            .Append("<h1 style=\"margin:0 0 16px;font-size:26px;line-height:1.25;color:#1f2933\">").Append(Enc.Encode(heading)).Append("</h1>");
        foreach (var part in parts)
        {
            switch (part)
            {
                case Part.Paragraph p:
                    text.Append(p.Text).Append("\n\n");
                    html.Append("<p style=\"margin:0 0 16px\">").Append(Enc.Encode(p.Text)).Append("</p>");
                    break;
                case Part.Quoted q:
                    text.Append(string.Join("\n", q.Text.Split('\n').Select(l => "> " + l.TrimEnd()))).Append("\n\n");
                    html.Append("<blockquote style=\"margin:0 0 16px;padding:8px 16px;border-left:4px solid #0f766e;background:#f0fdfa\">")
                        .Append(Enc.Encode(q.Text).Replace("&#xA;", "<br>", StringComparison.Ordinal)).Append("</blockquote>");
                    break;
                case Part.ButtonLink b:
                    text.Append(b.Label).Append(": ").Append(b.Url).Append("\n\n");
                    html.Append("<p style=\"margin:0 0 16px\"><a href=\"").Append(Enc.Encode(b.Url))
                        .Append("\" style=\"display:inline-block;padding:14px 24px;background:#0f766e;color:#ffffff;text-decoration:none;border-radius:6px;font-size:20px;font-weight:bold\">")
                        .Append(Enc.Encode(b.Label)).Append("</a></p>");
                    break;
                case Part.TextLink l:
                    text.Append(l.Lead).Append(' ').Append(l.Url).Append("\n\n");
                    html.Append("<p style=\"margin:0 0 16px\">").Append(Enc.Encode(l.Lead)).Append(" <a href=\"").Append(Enc.Encode(l.Url))
                        .Append("\" style=\"color:#0f5f59\">").Append(Enc.Encode(l.Label)).Append("</a></p>");
                    break;
                case Part.Rows r:
                    html.Append("<table style=\"width:100%;border-collapse:collapse;margin:0 0 16px;font-size:16px\"><caption style=\"text-align:left;font-weight:bold;padding:0 0 8px\">Slipping patients</caption>")
                        .Append("<thead><tr><th scope=\"col\" style=\"text-align:left;border-bottom:2px solid #3e4c59;padding:6px\">Patient</th>")
                        .Append("<th scope=\"col\" style=\"text-align:left;border-bottom:2px solid #3e4c59;padding:6px\">Routine</th>")
                        .Append("<th scope=\"col\" style=\"text-align:left;border-bottom:2px solid #3e4c59;padding:6px\">Last 7 days</th>")
                        .Append("<th scope=\"col\" style=\"text-align:left;border-bottom:2px solid #3e4c59;padding:6px\">Pain</th></tr></thead><tbody>");
                    foreach (var row in r.Patients)
                    {
                        text.Append("- ").Append(row.PatientName).Append(" (").Append(row.Routine).Append("): ").Append(row.Week.Text).Append("; pain ").Append(row.Pain.Text).Append("  ").Append(row.Url).Append('\n');
                        html.Append("<tr><td style=\"border-bottom:1px solid #cbd2d9;padding:6px\"><a href=\"").Append(Enc.Encode(row.Url)).Append("\" style=\"color:#0f5f59\">")
                            .Append(Enc.Encode(row.PatientName)).Append("</a></td><td style=\"border-bottom:1px solid #cbd2d9;padding:6px\">").Append(Enc.Encode(row.Routine))
                            .Append("</td><td style=\"border-bottom:1px solid #cbd2d9;padding:6px\">").Append(Enc.Encode(row.Week.Text))
                            .Append("</td><td style=\"border-bottom:1px solid #cbd2d9;padding:6px\">").Append(Enc.Encode(row.Pain.Text)).Append("</td></tr>");
                    }
                    text.Append('\n');
                    html.Append("</tbody></table>");
                    break;
                case Part.Heading h:
                    text.Append(h.Text.ToUpperInvariant()).Append("\n\n");
                    html.Append("<h2 style=\"margin:24px 0 8px;font-size:21px;line-height:1.3;color:#1f2933\">").Append(Enc.Encode(h.Text)).Append("</h2>");
                    break;
                case Part.AlertGroups g:
                    AppendAlertGroups(text, html, g.Groups);
                    break;
            }
        }
        text.Append(clinicName).Append('\n');
        if (clinicPhone is not null) text.Append(clinicPhone).Append('\n');
        html.Append("<p style=\"margin:24px 0 0\">").Append(Enc.Encode(clinicName));
        if (clinicPhone is not null) html.Append("<br>").Append(Enc.Encode(clinicPhone));
        html.Append("</p>");
        if (unsubscribeUrl is not null)
        {
            // "Stop these emails" trips SpamAssassin's END_FUTURE_EMAILS; "Unsubscribe" says the same plainly.
            text.Append("\n--\nYou get this email because ").Append(why).Append(".\n")
                .Append("Unsubscribe: ").Append(unsubscribeUrl).Append('\n');
            html.Append("<hr style=\"border:0;border-top:1px solid #cbd2d9;margin:24px 0 12px\"><p style=\"margin:0;font-size:15px;color:#3e4c59\">You get this email because ")
                .Append(Enc.Encode(why)).Append(". <a href=\"").Append(Enc.Encode(unsubscribeUrl))
                .Append("\" style=\"color:#0f5f59\">Unsubscribe</a></p>");
        }
        html.Append("</div></body></html>");
        return new ComposedEmail(subject, text.ToString(), html.ToString());
    }
}
