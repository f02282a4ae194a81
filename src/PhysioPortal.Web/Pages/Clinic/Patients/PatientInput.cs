using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using PhysioPortal.Core;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Safety;
using PhysioPortal.Core.Text;

namespace PhysioPortal.Web.Pages.Clinic.Patients;

/// <summary>
/// The patient form as posted by the New and Edit pages. Everything arrives as text or lists of names and is checked
/// here, on the server, with a message per field; only a valid input is ever copied onto a <see cref="Patient"/>.
/// The clinic's date is <see cref="Core.Clinics.ClinicDate"/>, the zone list <see cref="Core.TimeZones"/>, the
/// character checks <see cref="StorableText"/>.
/// </summary>
public sealed class PatientInput
{
    public const int NameMax = 100;
    public const int EmailMax = 254;
    public const int NotesMax = 4000;

    /// <summary>Nobody alive was born in or before 1900; an earlier date is a typing slip.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1901, 1, 1);

    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public DateOnly? DateOfBirth { get; set; }
    public string? Email { get; set; }
    public string? TimeZoneId { get; set; }
    public TimeOnly? ReminderTime { get; set; }
    public bool EmailConsent { get; set; }

    /// <summary>Names of <see cref="ExerciseGroup"/> values, one per ticked box.</summary>
    public List<string> Conditions { get; set; } = [];

    public DateOnly? PregnancyDueDate { get; set; }

    /// <summary>"Left", "Right" or "Both" (<see cref="AffectedSide"/>).</summary>
    public string? SciaticaSide { get; set; }

    /// <summary>Names of <see cref="RedFlags"/> values answered "yes".</summary>
    public List<string> RedFlagAnswers { get; set; } = [];

    public string? Notes { get; set; }

    public bool Has(ExerciseGroup group) => Conditions.Contains(group.ToString());

    public bool Has(RedFlags flag) => RedFlagAnswers.Contains(flag.ToString());

    public static PatientInput From(Patient p) => new()
    {
        FirstName = p.FirstName,
        LastName = p.LastName,
        DateOfBirth = p.DateOfBirth,
        Email = p.Email,
        TimeZoneId = p.TimeZoneId,
        ReminderTime = p.ReminderTime,
        EmailConsent = p.EmailConsent,
        Conditions = [.. p.Conditions.Groups().Select(g => g.ToString())],
        PregnancyDueDate = p.PregnancyDueDate,
        SciaticaSide = p.SciaticaSide?.ToString(),
        RedFlagAnswers = [.. p.RedFlags.Each().Select(f => f.ToString())],
        Notes = p.Notes,
    };

    public static PatientInput ForNewPatient(string clinicTimeZone) => new()
    {
        TimeZoneId = clinicTimeZone,
        ReminderTime = new TimeOnly(8, 0),
    };

    /// <summary>
    /// Trims the text, checks every field and adds a message per field to <paramref name="modelState"/> (keys
    /// "Input.Field"). Binding errors (a malformed date or time) are reworded so they read like the rest.
    /// </summary>
    public void Validate(ModelStateDictionary modelState, DateOnly today, string prefix = "Input")
    {
        string Key(string field) => $"{prefix}.{field}";

        FirstName = StorableText.Clean(FirstName);
        LastName = StorableText.Clean(LastName);
        Email = StorableText.Clean(Email);
        TimeZoneId = StorableText.Clean(TimeZoneId);
        SciaticaSide = StorableText.Clean(SciaticaSide);
        Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Replace("\r\n", "\n").Trim();

        CheckName(modelState, Key(nameof(FirstName)), FirstName, "first name");
        CheckName(modelState, Key(nameof(LastName)), LastName, "last name");

        var dobMalformed = ReplaceBindingError(modelState, Key(nameof(DateOfBirth)), "Enter the date of birth as a date, for example 1985-04-12.");
        if (!dobMalformed && DateOfBirth is { } dob)
        {
            if (dob > today) Add(modelState, Key(nameof(DateOfBirth)), "The date of birth cannot be in the future.");
            else if (dob < EarliestBirthDate) Add(modelState, Key(nameof(DateOfBirth)), "The date of birth must be after 1900.");
        }

        if (Email is not null)
        {
            if (Email.Length > EmailMax) Add(modelState, Key(nameof(Email)), $"The email address can have at most {EmailMax} characters.");
            else if (!StorableText.IsEmailAddress(Email)) Add(modelState, Key(nameof(Email)), "Enter a valid email address, like name@example.com, or leave it empty.");
        }

        if (TimeZoneId is null)
        {
            Add(modelState, Key(nameof(TimeZoneId)), "Choose the patient's time zone.");
        }
        else if (TimeZoneId.Length > 64 || PhysioPortal.Core.TimeZones.Canonical(TimeZoneId) is not { } canonical)
        {
            Add(modelState, Key(nameof(TimeZoneId)), "Choose a time zone from the list: that one is not a known IANA time zone.");
        }
        else
        {
            TimeZoneId = canonical; // an alias such as "US/Eastern" is stored by its canonical name
        }

        if (!ReplaceBindingError(modelState, Key(nameof(ReminderTime)), "Enter the reminder time as hours and minutes, for example 08:00.")
            && ReminderTime is null)
        {
            Add(modelState, Key(nameof(ReminderTime)), "Choose the time of day for reminders, for example 08:00.");
        }

        var conditions = ParseConditions(out var unknownCondition);
        if (unknownCondition) Add(modelState, Key(nameof(Conditions)), "Tick conditions from the list only.");

        var dueDateMalformed = ReplaceBindingError(modelState, Key(nameof(PregnancyDueDate)), "Enter the due date as a date, for example 2027-03-14.");
        if (conditions.HasFlag(ConditionSet.Pregnancy))
        {
            var (earliest, latest) = DueDateRange(today);
            if (dueDateMalformed)
            {
                // The binding message already says what is wrong.
            }
            else if (PregnancyDueDate is not { } due)
            {
                Add(modelState, Key(nameof(PregnancyDueDate)), "Enter the due date: the portal needs it to know the trimester.");
            }
            else if (due < earliest || due > latest)
            {
                Add(modelState, Key(nameof(PregnancyDueDate)),
                    $"The due date must be between {earliest:d MMM yyyy} and {latest:d MMM yyyy} (2 weeks ago to 42 weeks from today).");
            }
        }
        else if (dueDateMalformed)
        {
            // The field is only used with Pregnancy ticked: a slip in it does not stop the save.
            modelState.Remove(Key(nameof(PregnancyDueDate)));
            PregnancyDueDate = null;
        }

        if (SciaticaSide is not null && ParseSide(SciaticaSide) is null)
        {
            Add(modelState, Key(nameof(SciaticaSide)), "Choose left, right or both.");
        }
        else if (conditions.HasFlag(ConditionSet.Sciatica) && SciaticaSide is null)
        {
            Add(modelState, Key(nameof(SciaticaSide)), "Choose the side the sciatica affects.");
        }

        ParseRedFlags(out var unknownFlag);
        if (unknownFlag) Add(modelState, Key(nameof(RedFlagAnswers)), "Answer the intake questions from the list only.");

        if (Notes is not null)
        {
            if (Notes.Length > NotesMax) Add(modelState, Key(nameof(Notes)), $"The notes can have at most {NotesMax} characters (these have {Notes.Length}).");
            else if (StorableText.HasForbiddenCharacters(Notes, allowLineBreaks: true)) Add(modelState, Key(nameof(Notes)), "The notes contain characters that cannot be stored (control characters).");
        }
    }

    /// <summary>Why an address is refused: each patient of a clinic has their own (reminders and the sign-in go to it).</summary>
    public static string EmailTakenMessage(string ownerName) =>
        $"{ownerName} already has this email address in your clinic. Open that record instead, or use another address: each patient needs their own.";

    /// <summary>Copies a validated input onto the patient. Details of a condition that is not ticked are cleared.</summary>
    public void ApplyTo(Patient patient)
    {
        var conditions = ParseConditions(out _);
        patient.FirstName = FirstName!;
        patient.LastName = LastName!;
        patient.DateOfBirth = DateOfBirth;
        patient.Email = Email;
        patient.TimeZoneId = TimeZoneId!;
        patient.ReminderTime = ReminderTime ?? new TimeOnly(8, 0);
        patient.EmailConsent = EmailConsent;
        patient.Conditions = conditions;
        patient.PregnancyDueDate = conditions.HasFlag(ConditionSet.Pregnancy) ? PregnancyDueDate : null;
        patient.SciaticaSide = conditions.HasFlag(ConditionSet.Sciatica) ? ParseSide(SciaticaSide) : null;
        patient.RedFlags = ParseRedFlags(out _);
        patient.Notes = Notes;
    }

    /// <summary>The due dates a current pregnancy can have: from 2 weeks overdue to 42 weeks ahead.</summary>
    public static (DateOnly Earliest, DateOnly Latest) DueDateRange(DateOnly today) => (today.AddDays(-14), today.AddDays(42 * 7));

    /// <summary>"Trimester 2 today (week 22)", or null when the due date is not a current pregnancy.</summary>
    public static string? TrimesterText(DateOnly? dueDate, DateOnly today)
    {
        if (dueDate is not { } due || SafetyRules.Trimester(due, today) is not { } trimester) return null;
        var week = SafetyRules.GestationalDay(due, today) / 7;
        return string.Create(CultureInfo.InvariantCulture, $"Trimester {trimester} today (week {week}).");
    }

    private ConditionSet ParseConditions(out bool unknown)
    {
        unknown = false;
        var set = ConditionSet.None;
        foreach (var name in Conditions)
        {
            var group = Enum.GetValues<ExerciseGroup>().Where(g => g.ToString() == name).Select(g => (ExerciseGroup?)g).FirstOrDefault();
            if (group is { } g) set |= g.ToCondition();
            else unknown = true;
        }
        return set;
    }

    private RedFlags ParseRedFlags(out bool unknown)
    {
        unknown = false;
        var flags = RedFlags.None;
        foreach (var name in RedFlagAnswers)
        {
            var question = RedFlagText.Questions.Where(q => q.Flag.ToString() == name).Select(q => (RedFlags?)q.Flag).FirstOrDefault();
            if (question is { } f) flags |= f;
            else unknown = true;
        }
        return flags;
    }

    private static AffectedSide? ParseSide(string? side) =>
        Enum.GetValues<AffectedSide>().Where(s => s.ToString() == side).Select(s => (AffectedSide?)s).FirstOrDefault();

    private static void CheckName(ModelStateDictionary modelState, string key, string? value, string what)
    {
        if (value is null) Add(modelState, key, $"Enter the {what}.");
        else if (value.Length > NameMax) Add(modelState, key, $"The {what} can have at most {NameMax} characters (this one has {value.Length}).");
        else if (StorableText.HasForbiddenCharacters(value, allowLineBreaks: false)) Add(modelState, key, $"The {what} contains characters that cannot be stored (control characters or line breaks).");
    }

    private static void Add(ModelStateDictionary modelState, string key, string message) => modelState.AddModelError(key, message);

    /// <summary>When the value could not even be bound (e.g. "31/02/abc" for a date), replaces the framework's message.</summary>
    private static bool ReplaceBindingError(ModelStateDictionary modelState, string key, string message)
    {
        if (modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            entry.Errors.Add(message);
            return true;
        }
        return false;
    }
}
