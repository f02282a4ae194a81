using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Tokens;
using PhysioPortal.Web.Extensions;

namespace PhysioPortal.Web.Pages.Me;

/// <summary>The patient's settings: reminder time, time zone, emails on or off, password, calendar link.</summary>
public class SettingsModel(PortalDbContext db, UserManager<PortalUser> users, SignInManager<PortalUser> signIn, LinkTokens tokens,
    IOptions<PortalOptions> portal, PatientPreferencesChanged changed, AccountChecks checks, UserSessions sessions) : PatientPage
{
    public static readonly TimeSpan CalendarLinkLifetime = TimeSpan.FromDays(730);

    [BindProperty]
    public PreferencesInput Preferences { get; set; } = new();

    [BindProperty]
    public PasswordInput Password { get; set; } = new();

    public string? CalendarUrl { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PatientId);
        if (patient is null) return NotFound();
        Preferences = new PreferencesInput
        {
            ReminderTime = patient.ReminderTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            TimeZoneId = patient.TimeZoneId,
            Emails = patient.EmailConsent,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostPreferencesAsync()
    {
        var patient = await db.Patients.FirstOrDefaultAsync(p => p.Id == PatientId);
        if (patient is null) return NotFound();
        if (!TimeOnly.TryParseExact(Preferences.ReminderTime ?? "", ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            ModelState.AddModelError("Preferences.ReminderTime", "Enter a time such as 08:30.");
        Preferences.TimeZoneId = PhysioPortal.Core.TimeZones.Canonical(Preferences.TimeZoneId);
        if (Preferences.TimeZoneId is null)
            ModelState.AddModelError("Preferences.TimeZoneId", "Choose your time zone from the list.");
        if (!ModelState.IsValid) return Page();
        patient.ReminderTime = time;
        patient.TimeZoneId = Preferences.TimeZoneId!;
        patient.EmailConsent = Preferences.Emails;
        await db.SaveChangesAsync();
        await changed.NotifyAsync(patient.Id);
        TempData["Flash"] = Preferences.Emails ? "Saved. Reminders will come at the new time." : "Saved. We will not send you any more emails.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        // Checked here, not by attributes: the page has two forms and each handler checks only its own.
        // Empty fields bind as null.
        Password.Current ??= "";
        Password.New ??= "";
        Password.Confirm ??= "";
        if (Password.Current.Length == 0) ModelState.AddModelError("Password.Current", "Enter your current password.");
        if (Password.New.Length is < 12 or > 200) ModelState.AddModelError("Password.New", "Use at least 12 characters (and at most 200).");
        else if (Password.Confirm != Password.New) ModelState.AddModelError("Password.Confirm", "The two passwords are not the same.");
        if (!ModelState.IsValid) return await ReloadAsync();
        var user = await users.GetUserAsync(User);
        if (user is null) return NotFound();
        // The current password is checked under the account's growing delay, like sign-in (and rate limited per address).
        var check = await checks.PasswordAsync(user, Password.Current!);
        if (!check.Ok)
        {
            ModelState.AddModelError("Password.Current", check.MustWait ? check.WaitMessage : "That is not your current password.");
            return await ReloadAsync();
        }
        var result = await users.ChangePasswordAsync(user, Password.Current!, Password.New!);
        if (!result.Succeeded)
        {
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Password.Current" : "Password.New",
                    e.Code == "PasswordMismatch" ? "That is not your current password." : e.Description);
            return await ReloadAsync();
        }
        // Every other session of the account ends; this one goes on with a new key.
        await sessions.EndAllAsync(user.Id, keepId: await UserSessions.CurrentIdAsync(HttpContext));
        await signIn.RefreshSignInAsync(user);
        TempData["Flash"] = "Your password is changed. You are signed out everywhere else.";
        return RedirectToPage();
    }

    /// <summary>Makes a new private calendar link; the old one stops working.</summary>
    public async Task<IActionResult> OnPostCalendarAsync()
    {
        var patient = await db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.Id == PatientId);
        if (patient is null) return NotFound();
        await tokens.RevokeAsync(patient.Id, TokenPurpose.Calendar);
        var token = tokens.Issue(TokenPurpose.Calendar, patient.ClinicId, patient.Id, CalendarLinkLifetime);
        await db.SaveChangesAsync();
        CalendarUrl = $"{portal.Value.PublicUrl.TrimEnd('/')}/calendar/{token}.ics";
        ModelState.Clear();
        return await ReloadAsync(keepCalendar: true);
    }

    private async Task<IActionResult> ReloadAsync(bool keepCalendar = false)
    {
        var patient = await db.Patients.AsNoTracking().FirstAsync(p => p.Id == PatientId);
        Preferences = new PreferencesInput
        {
            ReminderTime = patient.ReminderTime.ToString("HH:mm", CultureInfo.InvariantCulture),
            TimeZoneId = patient.TimeZoneId,
            Emails = patient.EmailConsent,
        };
        if (!keepCalendar) CalendarUrl = null;
        return Page();
    }

    public sealed class PreferencesInput
    {
        public string? ReminderTime { get; set; }
        public string? TimeZoneId { get; set; }
        public bool Emails { get; set; }
    }

    public sealed class PasswordInput
    {
        [DataType(DataType.Password)]
        public string? Current { get; set; } = "";

        [DataType(DataType.Password)]
        public string? New { get; set; } = "";

        [DataType(DataType.Password)]
        public string? Confirm { get; set; } = "";
    }
}
