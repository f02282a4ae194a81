using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Tests.Infrastructure;

namespace PhysioPortal.Tests.Media;

/// <summary>
/// Photos and videos of an own exercise, uploaded through the exercise's page as a browser does (multipart with the
/// form token): stored without metadata, served with ETag and ranges, and every bad file refused with a message.
/// </summary>
[Collection(PortalCollection.Name)]
public class ExerciseMediaTests(PortalFactory factory)
{
    private static readonly Lazy<byte[]> Phone = new(() => PhoneJpeg.Create(1600, 1200));

    /// <summary>Posts a file to the exercise page's photo or video form, with that form's token.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> UploadAsync(PortalClient client, string slug, string field, byte[] bytes, string fileName, string contentType, bool withToken = true)
    {
        var (_, page) = await client.GetPageAsync($"/clinic/library/{slug}/edit");
        var form = page.QuerySelector<IHtmlFormElement>($"#{field}-form") ?? throw new InvalidOperationException($"no #{field}-form");
        using var content = new MultipartFormDataContent();
        if (withToken) content.Add(new StringContent(form.QuerySelector<IHtmlInputElement>("[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, field, fileName);
        var response = await client.Http.PostAsync(form.GetAttribute("action"), content);
        return (response, PortalClient.Parse(await response.Content.ReadAsStringAsync()));
    }

    private async Task<(PortalClient Client, Exercise Exercise, Guid ClinicId)> ClinicianWithExerciseAsync()
    {
        var clinic = await factory.ClinicAsync();
        var (client, _) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        return (client, await factory.OwnExerciseAsync(clinic.Id), clinic.Id);
    }

    private async Task<List<ExerciseMedia>> MediaOfAsync(Guid exerciseId)
    {
        await using var s = factory.SystemDb();
        return await s.Db.ExerciseMedia.Where(m => m.ExerciseId == exerciseId).OrderBy(m => m.Position).ToListAsync();
    }

    [Fact]
    public async Task A_phone_photo_is_stored_upright_at_two_sizes_with_no_exif_gps_or_serial_and_served_immutable()
    {
        var (client, exercise, _) = await ClinicianWithExerciseAsync();
        var original = Phone.Value;
        Assert.Contains(PhoneJpeg.Serial, System.Text.Encoding.ASCII.GetString(original)); // the test file does carry them
        var (response, _) = await UploadAsync(client, exercise.Slug, "photo", original, "IMG_0042.JPG", "image/jpeg");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var media = Assert.Single(await MediaOfAsync(exercise.Id));
        Assert.Equal(MediaKind.Photo, media.Kind);
        Assert.True(media.Height > media.Width, $"not turned upright: {media.Width}×{media.Height}");
        Assert.Equal(1200, media.Height);
        foreach (var key in new[] { media.Key, media.PrintKey! })
        {
            var served = await client.GetAsync($"/media/{key}");
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
            Assert.Equal($"\"{key}\"", served.Headers.ETag!.Tag);
            Assert.False(served.Headers.ETag.IsWeak);
            Assert.Contains("immutable", served.Headers.CacheControl!.ToString());
            var bytes = await served.Content.ReadAsByteArrayAsync();
            Assert.Equal(key, Core.Media.ExerciseMediaService.Key(bytes));
            Assert.True(bytes[0] == 0xFF && bytes[1] == 0xD8);
            PhoneJpeg.AssertNoMetadata(bytes);
        }

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/media/{media.Key}");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{media.Key}\""));
        Assert.Equal(HttpStatusCode.NotModified, (await client.Http.SendAsync(conditional)).StatusCode);
        // The photo shows on the exercise's page.
        var (_, detail) = await client.GetPageAsync($"/clinic/library/{exercise.Slug}");
        Assert.NotNull(detail.QuerySelector($"img[src='/media/{media.Key}']"));
    }

    [Fact]
    public async Task A_video_is_checked_by_its_content_stored_and_served_with_ranges()
    {
        var (client, exercise, _) = await ClinicianWithExerciseAsync();
        var mp4 = BadFiles.Mp4(600_000); // more than two 256 KiB chunks
        var (response, _) = await UploadAsync(client, exercise.Slug, "video", mp4, "clip.bin", "application/octet-stream");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var video = Assert.Single(await MediaOfAsync(exercise.Id));
        Assert.Equal("video/mp4", video.ContentType);

        using var range = new HttpRequestMessage(HttpMethod.Get, $"/media/{video.Key}");
        range.Headers.Range = new RangeHeaderValue(262_140, 262_150); // across the first chunk boundary
        var partial = await client.Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(mp4[262_140..262_151], await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(mp4.Length, partial.Content.Headers.ContentRange!.Length);
        var whole = await client.Http.GetByteArrayAsync($"/media/{video.Key}");
        Assert.Equal(mp4, whole);

        var (_, detail) = await client.GetPageAsync($"/clinic/library/{exercise.Slug}");
        var player = detail.QuerySelector("video")!;
        Assert.Equal("none", player.GetAttribute("preload"));
        Assert.Equal($"/media/{video.Key}", player.QuerySelector("source")!.GetAttribute("src"));
    }

    public static TheoryData<string, string, string, string> BadUploads => new()
    {
        { "photo", "program.jpg", "image/jpeg", "program" },
        { "photo", "page.jpg", "image/jpeg", "SVG or a web page" },
        { "photo", "drawing.svg", "image/svg+xml", "SVG" },
        { "photo", "bomb.png", "image/png", "pixels" },
        { "photo", "cut.jpg", "image/jpeg", "damaged or cut short" },
        { "video", "notes.mp4", "video/mp4", "not an MP4 or WebM video" },
        { "video", "photo.mp4", "video/mp4", "is a photo" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task A_bad_file_gets_a_message_beside_the_field_a_4xx_and_nothing_is_stored(string field, string fileName, string type, string message)
    {
        var (client, exercise, clinicId) = await ClinicianWithExerciseAsync();
        byte[] bytes = fileName switch
        {
            "program.jpg" => BadFiles.Executable(),
            "page.jpg" => BadFiles.Html(),
            "drawing.svg" => BadFiles.Svg(),
            "bomb.png" => BadFiles.PngBomb(),
            "cut.jpg" => BadFiles.Truncated(Phone.Value),
            "photo.mp4" => Phone.Value,
            _ => "just some notes, not a video"u8.ToArray(),
        };
        var (response, page) = await UploadAsync(client, exercise.Slug, field, bytes, fileName, type);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"#{field}-error")!.TextContent);
        Assert.Contains("is-invalid", page.QuerySelector($"#{field}")!.ClassName);
        await AssertNothingStoredAsync(exercise.Id, clinicId);
    }

    [Fact]
    public async Task Over_size_more_than_four_photos_another_clinics_exercise_and_a_missing_token_are_refused()
    {
        var (client, exercise, clinicId) = await ClinicianWithExerciseAsync();
        var big = new byte[21 * 1024 * 1024];
        Phone.Value.CopyTo(big, 0);
        var (tooBig, page) = await UploadAsync(client, exercise.Slug, "photo", big, "huge.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Contains("up to 20 MB", page.QuerySelector("#photo-error")!.TextContent);
        var (noToken, _) = await UploadAsync(client, exercise.Slug, "photo", Phone.Value, "a.jpg", "image/jpeg", withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        await AssertNothingStoredAsync(exercise.Id, clinicId);

        // Another clinic's exercise: the page and its upload handler are 404.
        var other = await factory.OwnExerciseAsync((await factory.ClinicAsync()).Id);
        var (_, ownPage) = await client.GetPageAsync($"/clinic/library/{exercise.Slug}/edit");
        using (var content = new MultipartFormDataContent())
        {
            content.Add(new StringContent(ownPage.QuerySelector<IHtmlInputElement>("#photo-form [name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken");
            content.Add(new ByteArrayContent(Phone.Value), "photo", "a.jpg");
            var cross = await client.Http.PostAsync($"/clinic/library/{other.Slug}/edit?handler=Photo", content);
            Assert.Equal(HttpStatusCode.NotFound, cross.StatusCode);
        }
        await AssertNothingStoredAsync(other.Id, other.ClinicId!.Value);

        // Four photos, then a fifth is refused (each a different photo; the same bytes would be stored once).
        for (var i = 0; i < 4; i++)
        {
            var (ok, _) = await UploadAsync(client, exercise.Slug, "photo", PhoneJpeg.Create(400 + i * 8, 300), $"p{i}.jpg", "image/jpeg");
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        var (fifth, fifthPage) = await UploadAsync(client, exercise.Slug, "photo", Phone.Value, "p5.jpg", "image/jpeg");
        Assert.Equal(HttpStatusCode.BadRequest, fifth.StatusCode);
        Assert.Contains("at most 4 photos", fifthPage.QuerySelector("#photo-error")!.TextContent);
        Assert.Equal(4, (await MediaOfAsync(exercise.Id)).Count);
    }

    [Fact]
    public async Task The_same_photo_is_stored_once_and_only_its_clinic_and_patients_can_fetch_it()
    {
        var (client, exercise, clinicId) = await ClinicianWithExerciseAsync();
        var second = await factory.OwnExerciseAsync(clinicId);
        var photo = PhoneJpeg.Create(640, 480);
        await UploadAsync(client, exercise.Slug, "photo", photo, "a.jpg", "image/jpeg");
        await UploadAsync(client, second.Slug, "photo", photo, "b.jpg", "image/jpeg");
        var key = (await MediaOfAsync(exercise.Id)).Single().Key;
        Assert.Equal(key, (await MediaOfAsync(second.Id)).Single().Key);
        await using (var s = factory.SystemDb())
        {
            Assert.Equal(1, await s.Db.StoredObjects.CountAsync(o => o.Key == key));
        }
        var (stranger, _) = await factory.SignedInAsync((await factory.ClinicAsync()).Id, Roles.Clinician);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/media/{key}")).StatusCode);
        var anonymous = await factory.Client().GetAsync($"/media/{key}");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        var patient = await factory.PatientAsync(clinicId);
        var (me, _) = await factory.SignedInAsync(clinicId, Roles.Patient, patient.Id);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/media/{key}")).StatusCode);
    }

    [Fact]
    public async Task A_remembered_photo_is_served_whole_in_ranges_and_revalidated_only_for_its_clinic_and_a_refusal_is_not_remembered()
    {
        var (client, exercise, _) = await ClinicianWithExerciseAsync();
        var photo = PhoneJpeg.Create(800, 600);
        await UploadAsync(client, exercise.Slug, "photo", photo, "a.jpg", "image/jpeg");
        var key = (await MediaOfAsync(exercise.Id)).Single().Key;
        var url = $"/media/{key}";

        // The first request reads PostgreSQL; the next ones are served from memory: the same bytes, headers and ranges.
        var first = await (await client.GetAsync(url)).Content.ReadAsByteArrayAsync();
        var again = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(key, Core.Media.ExerciseMediaService.Key(first));
        Assert.Equal($"\"{key}\"", again.Headers.ETag!.Tag);
        Assert.Contains("immutable", again.Headers.CacheControl!.ToString());
        Assert.Equal("nosniff", again.Headers.GetValues("X-Content-Type-Options").Single());
        using (var range = new HttpRequestMessage(HttpMethod.Get, url))
        {
            range.Headers.Range = new RangeHeaderValue(100, 199);
            var partial = await client.Http.SendAsync(range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal(first[100..200], await partial.Content.ReadAsByteArrayAsync());
        }

        HttpRequestMessage Revalidate()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{key}\""));
            return request;
        }
        using (var request = Revalidate()) Assert.Equal(HttpStatusCode.NotModified, (await client.Http.SendAsync(request)).StatusCode);

        // Another clinic that knows the key: 404, with or without If-None-Match, while the owner's answer is remembered.
        var strangerClinic = await factory.ClinicAsync();
        var (stranger, _) = await factory.SignedInAsync(strangerClinic.Id, Roles.Clinician);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        using (var request = Revalidate()) Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.SendAsync(request)).StatusCode);
        var anonymous = factory.Client();
        using (var request = Revalidate())
        {
            var status = (await anonymous.Http.SendAsync(request)).StatusCode;
            Assert.True(status is not (HttpStatusCode.OK or HttpStatusCode.NotModified or HttpStatusCode.PartialContent), $"anonymous got {status}");
        }

        // The other clinic uploads the same bytes: now it owns them too and may read them (its refusal was not kept).
        var theirs = await factory.OwnExerciseAsync(strangerClinic.Id);
        await UploadAsync(stranger, theirs.Slug, "photo", photo, "same.jpg", "image/jpeg");
        Assert.Equal(key, (await MediaOfAsync(theirs.Id)).Single().Key);
        var now = await stranger.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, now.StatusCode);
        Assert.Equal(first, await now.Content.ReadAsByteArrayAsync());
    }

    private async Task AssertNothingStoredAsync(Guid exerciseId, Guid clinicId)
    {
        await using var s = factory.SystemDb();
        Assert.False(await s.Db.ExerciseMedia.AnyAsync(m => m.ExerciseId == exerciseId), "a media row was stored");
        Assert.False(await s.Db.StoredObjectOwners.AnyAsync(o => o.ClinicId == clinicId), "a stored object was kept for the clinic");
    }
}

[Collection(PortalCollection.Name)]
public class PrescribedMediaTests(PortalFactory factory)
{
    [Fact]
    public async Task The_patient_sees_the_photos_as_prescribed_and_the_handout_embeds_each_photo_once()
    {
        var clinic = await factory.ClinicAsync();
        var (client, user) = await factory.SignedInAsync(clinic.Id, Roles.Clinician);
        var first = await factory.OwnExerciseAsync(clinic.Id);
        var second = await factory.OwnExerciseAsync(clinic.Id);
        var shared = PhoneJpeg.Create(800, 600);
        await ExerciseMediaTests.UploadAsync(client, first.Slug, "photo", shared, "a.jpg", "image/jpeg");
        await ExerciseMediaTests.UploadAsync(client, first.Slug, "photo", PhoneJpeg.Create(820, 600), "b.jpg", "image/jpeg");
        await ExerciseMediaTests.UploadAsync(client, second.Slug, "photo", shared, "c.jpg", "image/jpeg");
        var patient = await factory.PatientAsync(clinic.Id);
        Guid prescriptionId;
        await using (var s = factory.SystemDb())
        {
            var service = new Core.Prescriptions.PrescriptionService(s.Db, TimeProvider.System);
            var saved = await service.SaveAsync(patient.Id, new Core.Prescriptions.PrescriptionDraft("With photos", null, DaysOfWeek.Every, 1,
                new TimeOnly(8, 0), service.PatientToday(patient), 4, null,
                [new(first.Id, first.DefaultDosage, null), new(second.Id, second.DefaultDosage, null)]), null, null, user.Id, "Clinician");
            prescriptionId = Assert.IsType<Core.Prescriptions.SaveOutcome.Saved>(saved).PrescriptionId;
        }
        var photoKeys = (await MediaKeysAsync(first.Id)).Concat(await MediaKeysAsync(second.Id)).ToList();
        // A later change to the library does not reach the prescription: the first photo is removed from the exercise.
        var remove = await client.SubmitFormAsync($"/clinic/library/{first.Slug}/edit", new Dictionary<string, string>(), "#media form[action*='handler=RemoveMedia']");
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);

        var (me, _) = await factory.SignedInAsync(clinic.Id, Roles.Patient, patient.Id);
        var (_, home) = await me.GetPageAsync("/me");
        foreach (var key in photoKeys) Assert.NotNull(home.QuerySelector($".patient-exercise img[src='/media/{key}']"));
        // An exercise with photos shows its photos only: no neutral placeholder (and no pose) beside them.
        Assert.Empty(home.QuerySelectorAll(".patient-exercise .exercise-picture"));
        // The log form's small picture of each is its first photo, not the placeholder.
        var (_, log) = await me.GetPageAsync("/me/log");
        Assert.Empty(log.QuerySelectorAll(".exercise-picture-none"));
        Assert.Equal(2, log.QuerySelectorAll(".exercise-picture-photo img").Length);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync($"/media/{photoKeys[0]}")).StatusCode);

        var download = await me.Http.GetAsync("/me/handout.pdf");
        Assert.True(download.IsSuccessStatusCode, $"{(int)download.StatusCode}: {await download.Content.ReadAsStringAsync()}");
        var pdf = await download.Content.ReadAsByteArrayAsync();
        var images = System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Subtype\s*/Image").Count;
        Assert.Equal(2, images); // three photos printed, two different ones: each embedded once

        // The handout attached to the new-prescription email is the same file, photos included.
        using var scope = factory.Services.CreateScope();
        var attachment = await scope.ServiceProvider.GetRequiredService<Core.Reminders.HandoutAttachment>()
            .ForAsync(prescriptionId, 1, "http://localhost");
        Assert.NotNull(attachment);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(attachment.Content), @"/Subtype\s*/Image").Count);
    }

    private async Task<List<string>> MediaKeysAsync(Guid exerciseId)
    {
        await using var s = factory.SystemDb();
        return await s.Db.ExerciseMedia.Where(m => m.ExerciseId == exerciseId).OrderBy(m => m.Position).Select(m => m.Key).ToListAsync();
    }
}

