using PhysioPortal.Core;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Handouts;
using PhysioPortal.Core.Handouts.Composition;
using PhysioPortal.Core.Patients;
using PhysioPortal.Core.Prescriptions;

namespace PhysioPortal.Tests.Handouts;

/// <summary>The mapping from a saved prescription version to the printed handout, without a database.</summary>
public class HandoutFactoryTests
{
    private static PrescribedExercise Snapshot(string slug, int position, string? note = null)
    {
        var seed = ExerciseLibrary.BySlug(slug);
        return PrescribedExercise.Snapshot(LibrarySeeder.ToExercise(seed), position, seed.Dosage, note);
    }

    private static HandoutSource Source(
        DaysOfWeek days = DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday,
        ConditionSet conditions = ConditionSet.LowerBack,
        string timeZone = "Europe/London",
        DateTimeOffset? savedAt = null) => new()
    {
        ClinicId = Guid.NewGuid(),
        ClinicName = "Riverside Physiotherapy & Spine Clinic",
        ClinicPhone = "+353 1 555 0142",
        ClinicEmail = " hello@riversidephysio.example ",
        ClinicAddress = "12 Harbour Road\nDublin 4\n",
        PaperSize = PaperSize.Letter,
        ClinicTimeZoneId = timeZone,
        PatientId = Guid.NewGuid(),
        PatientFirstName = "José",
        PatientLastName = "Müller-Łukasiewicz",
        PatientConditions = conditions,
        PrescriptionId = Guid.NewGuid(),
        Version = new PrescriptionVersion
        {
            Id = Guid.NewGuid(),
            Number = 3,
            CreatedAt = savedAt ?? new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero),
            AuthorUserId = "u1",
            AuthorName = "Aoife Ní Bhriain",
            Title = "Lower back pain routine",
            Days = days,
            SessionsPerDay = 2,
            StartDate = new DateOnly(2026, 3, 16),
            Weeks = 6,
            NoteToPatient = "  ",
            // Stored out of order on purpose: the handout follows Position.
            Exercises = [Snapshot("bridge-pose", 3), Snapshot("cat-camel-stretch", 1, note: "Slowly."), Snapshot("wall-angels", 2)],
        },
    };

    [Fact]
    public void Maps_the_version_clinic_and_patient_into_the_printed_model()
    {
        var model = HandoutFactory.Map(Source(), "https://portal.example.org/");

        Assert.Equal("Riverside Physiotherapy & Spine Clinic", model.ClinicName);
        Assert.Equal(["12 Harbour Road", "Dublin 4"], model.ClinicContact.AddressLines);
        Assert.Equal("hello@riversidephysio.example", model.ClinicContact.Email);
        Assert.Equal(PaperSize.Letter, model.PaperSize);
        Assert.Equal("José Müller-Łukasiewicz", model.PatientName);
        Assert.Equal("Aoife Ní Bhriain", model.ClinicianName);
        Assert.Equal(new DateOnly(2026, 3, 14), model.Date);
        Assert.Equal("Lower back pain routine", model.RoutineTitle);
        Assert.Null(model.NoteToPatient);
        Assert.Equal(["Mon", "Wed", "Fri"], model.ScheduleDays);
        Assert.Equal(2, model.SessionsPerDay);
        Assert.False(model.IsPregnant);
        Assert.Equal("https://portal.example.org/me/log", model.LogUrl);

        Assert.Equal(["Cat-Camel Stretch", "Wall Angels", "Bridge Pose"], model.Exercises.Select(e => e.Name));
        Assert.Equal([1, 2, 3], model.Exercises.Select(e => e.Number));
        var cat = model.Exercises[0];
        var seed = ExerciseLibrary.BySlug("cat-camel-stretch");
        Assert.Equal(seed.Steps, cat.Steps);
        Assert.Equal(seed.Dosage.ToString(), cat.DosageLine);
        Assert.Equal(seed.Position.Label(), cat.StartingPosition);
        Assert.Null(cat.Equipment); // "No equipment" is not worth a line
        Assert.Equal("Slowly.", cat.ClinicianNote);
        Assert.Equal("Wall", model.Exercises[1].Equipment);
    }

    [Fact]
    public void Every_day_prints_as_a_whole_week()
    {
        Assert.Empty(HandoutFactory.Map(Source(days: DaysOfWeek.Every), null).ScheduleDays);
    }

    [Fact]
    public void The_date_is_the_day_the_version_was_saved_in_the_clinic_s_time_zone()
    {
        var lateEvening = new DateTimeOffset(2026, 3, 14, 23, 30, 0, TimeSpan.Zero);

        Assert.Equal(new DateOnly(2026, 3, 14), HandoutFactory.Map(Source(savedAt: lateEvening), null).Date);
        Assert.Equal(new DateOnly(2026, 3, 15), HandoutFactory.Map(Source(savedAt: lateEvening, timeZone: "Pacific/Auckland"), null).Date);
    }

    [Fact]
    public void Pregnancy_comes_from_the_patient_s_conditions_and_changes_the_cautions()
    {
        var usual = HandoutFactory.Map(Source(), null);
        var pregnant = HandoutFactory.Map(Source(conditions: ConditionSet.Pregnancy | ConditionSet.LowerBack), null);

        Assert.False(usual.IsPregnant);
        Assert.True(pregnant.IsPregnant);
        var bridge = ExerciseLibrary.BySlug("bridge-pose");
        Assert.True(bridge.Cautions.HasFlag(CautionTags.LyingOnBack));
        Assert.Contains(usual.Exercises[2].Cautions, c => c.Contains("dizzy", StringComparison.Ordinal));
        Assert.Contains(pregnant.Exercises[2].Cautions, c => c.Contains("first three months of pregnancy", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("http://localhost", "http://localhost/me/log")]
    [InlineData("https://portal.example.org/", "https://portal.example.org/me/log")]
    [InlineData("https://example.org/physio", "https://example.org/physio/me/log")]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("portal.example.org", null)]
    [InlineData("ftp://portal.example.org", null)]
    public void The_qr_code_holds_the_portal_s_log_page_and_nothing_else(string? publicUrl, string? expected)
    {
        var model = HandoutFactory.Map(Source(), publicUrl);

        Assert.Equal(expected, model.LogUrl);
        if (model.LogUrl is { } url)
        {
            Assert.DoesNotContain("Müller", url, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Muller", url, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Source().PatientId.ToString(), url, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("Müller-Łukasiewicz", "exercise-routine-muller-lukasiewicz-2026-03-14.pdf", "exercise-routine-müller-łukasiewicz-2026-03-14.pdf")]
    [InlineData("Clarke", "exercise-routine-clarke-2026-03-14.pdf", "exercise-routine-clarke-2026-03-14.pdf")]
    [InlineData("O'Brien  Ó Súilleabháin", "exercise-routine-o-brien-o-suilleabhain-2026-03-14.pdf", "exercise-routine-o-brien-ó-súilleabháin-2026-03-14.pdf")]
    [InlineData("Øvergård", "exercise-routine-overgard-2026-03-14.pdf", "exercise-routine-øvergård-2026-03-14.pdf")]
    [InlineData("王", "exercise-routine-2026-03-14.pdf", "exercise-routine-王-2026-03-14.pdf")]
    [InlineData("\"/../etc\\passwd;", "exercise-routine-etc-passwd-2026-03-14.pdf", "exercise-routine-etc-passwd-2026-03-14.pdf")]
    public void File_names_are_plain_ascii_with_a_unicode_twin(string lastName, string ascii, string unicode)
    {
        var date = new DateOnly(2026, 3, 14);

        Assert.Equal(ascii, HandoutFileName.Ascii(lastName, date));
        Assert.Equal(unicode, HandoutFileName.Unicode(lastName, date));
        Assert.All(HandoutFileName.Ascii(lastName, date), ch => Assert.True(char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.'));
    }

    [Fact]
    public void A_very_long_name_gives_a_file_name_of_sensible_length()
    {
        var name = HandoutFileName.Ascii(string.Concat(Enumerable.Repeat("Abcdefghij-", 20)), new DateOnly(2026, 1, 2));

        Assert.True(name.Length <= "exercise-routine-".Length + 40 + "-2026-01-02.pdf".Length, name);
        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_font_file_fails_with_a_message_naming_the_file()
    {
        // This test assembly carries no fonts: exactly the situation of a build that lost its embedded resources.
        var error = Assert.Throws<InvalidOperationException>(() =>
            EmbeddedFontResolver.LoadFont(typeof(HandoutFactoryTests).Assembly, "DejaVuSans-Bold"));

        Assert.Contains("DejaVuSans-Bold.ttf", error.Message, StringComparison.Ordinal);
        Assert.Contains("PhysioPortal.Printing/Fonts", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(EmbeddedFontResolver.LoadFont(typeof(EmbeddedFontResolver).Assembly, "DejaVuSans-Bold"));
    }

    [Theory]
    [InlineData("Riverside Physiotherapy & Spine Clinic", "Riverside Physiotherapy and Spine Clinic")]
    [InlineData("R&D <test>", "R and D ‹test›")]
    [InlineData("Scoliosis routine – exercise handout", "Scoliosis routine – exercise handout")]
    public void Document_properties_are_kept_safe_for_the_xmp_metadata(string text, string expected)
    {
        Assert.Equal(expected, PdfSharpRenderer.MetadataText(text));
    }
}
