using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PhysioPortal.BrowserTests.Infrastructure;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Media;
using PhysioPortal.Tests.Infrastructure;
using PhysioPortal.Tests.Media;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace PhysioPortal.BrowserTests;

/// <summary>
/// Issue 13's "done when", as a clinician and a patient do it in the browser: an own exercise with two phone photos
/// (EXIF with GPS and a camera serial) and a short video, found by body region, put into an own routine, prescribed
/// from it; the patient sees photos and video on a phone, the handout carries the photos, and the stored photos carry
/// no EXIF or GPS.
/// </summary>
[Collection(BrowserCollection.Name)]
public partial class OwnLibraryFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    [GeneratedRegex(@"/clinic/templates/[a-z0-9\-]+$")]
    private static partial Regex RoutinePath();

    [Fact]
    public async Task An_own_exercise_with_photos_and_video_goes_through_an_own_routine_to_the_patients_phone_and_handout()
    {
        var a11y = new Accessibility(output, "own-library");
        var clinic = await browser.Portal.ClinicAsync();
        var clinician = await browser.Portal.UserAsync(clinic.Id, Roles.Clinician);
        var patient = await browser.Portal.PatientAsync(clinic.Id);
        var patientUser = await browser.Portal.UserAsync(clinic.Id, Roles.Patient, patient.Id);
        var name = "Heel raises at the sink " + TestData.Unique()[..4];
        var routineName = "Ankle after a sprain " + TestData.Unique()[..4];
        await a11y.RunAsync(async () =>
        {
            var page = a11y.Watch(await browser.NewPageAsync());
            await page.SignInAsync(a11y, clinician.Email!);

            // A new exercise, typed as a clinician would, for the ankle and foot.
            await page.OpenAsync("/clinic/library/new");
            await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
            await page.GetByLabel("Condition group").SelectOptionAsync("Hips");
            await page.GetByLabel("Starting position").SelectOptionAsync("Standing");
            await page.GetByLabel("Equipment").SelectOptionAsync("Chair");
            await page.GetByLabel("Ankle and foot").CheckAsync();
            await page.Locator("[name='Input.Steps']").FillAsync("Stand at the sink, holding on lightly.\nRise onto your toes.\nLower slowly.");
            await page.GetByLabel("What it works on").FillAsync("Strength in the calves and balance on the ankle.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save exercise" }).ClickAsync();
            await page.WaitForURLAsync("**/edit");

            // Two phone photos (EXIF: camera, serial, GPS; stored sideways with "turn 90°") and a short video.
            var phonePhotos = new[] { PhoneJpeg.Create(960, 720), PhoneJpeg.Create(900, 700, orientation: 1) };
            Assert.All(phonePhotos, p => Assert.Contains(PhoneJpeg.Serial, System.Text.Encoding.ASCII.GetString(p)));
            for (var i = 0; i < phonePhotos.Length; i++)
            {
                await page.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = $"IMG_00{i + 1}.JPG", MimeType = "image/jpeg", Buffer = phonePhotos[i] });
                await page.GetByRole(AriaRole.Button, new() { Name = "Upload photo" }).ClickAsync();
                await Assertions.Expect(page.Locator("#media img.exercise-photo")).ToHaveCountAsync(i + 1);
            }
            var video = await RecordWebmAsync(page);
            output.WriteLine($"Recorded a WebM of {video.Length} bytes in the browser");
            await page.Locator("#video").SetInputFilesAsync(new FilePayload { Name = "heel-raises.webm", MimeType = "video/webm", Buffer = video });
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload video" }).ClickAsync();
            await Assertions.Expect(page.Locator("#media video.exercise-video")).ToHaveCountAsync(1);
            await a11y.CheckAsync(page, "exercise-media");

            // Found by body region in the library.
            await page.OpenAsync("/clinic/library");
            await page.GetByLabel("Body region").SelectOptionAsync(nameof(BodyRegions.AnkleFoot));
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("region=AnkleFoot", StringComparison.Ordinal));
            await Assertions.Expect(page.GetByLabel("Body region")).ToHaveValueAsync(nameof(BodyRegions.AnkleFoot));
            var row = page.Locator(".exercise-list .list-group-item", new() { HasText = name });
            await Assertions.Expect(row).ToBeVisibleAsync();
            await Assertions.Expect(row.Locator(".exercise-picture-photo img")).ToBeVisibleAsync(); // its photo, not a placeholder
            await a11y.CheckAsync(page, "library-by-region");

            // Into an own routine, with a built-in exercise beside it; its dosage set here.
            await page.OpenAsync("/clinic/templates/new");
            await page.GetByLabel("Routine name").FillAsync(routineName);
            await page.GetByLabel("Condition", new() { Exact = true }).SelectOptionAsync("Hips");
            foreach (var find in new[] { name, "Bridge Pose" })
            {
                await page.Locator("[name='Find.Q']").FillAsync(find);
                await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Add " + find, Exact = true }).ClickAsync();
                await Assertions.Expect(page.Locator(".builder-item h3", new() { HasText = find })).ToBeVisibleAsync();
            }
            await page.Locator("[name='Input.Items[0].Sets']").FillAsync("3");
            await page.Locator("[name='Input.Items[0].RepsMin']").FillAsync("12");
            await a11y.CheckAsync(page, "routine-new");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save routine" }).ClickAsync();
            await page.WaitForURLAsync(RoutinePath());
            var slug = page.PathOf().Split('/')[^1];
            await Assertions.Expect(page.Locator(".exercise-list")).ToContainTextAsync("3 sets · 12 reps");
            await a11y.CheckAsync(page, "routine");

            // Prescribed from that routine.
            await page.OpenAsync($"/clinic/patients/{patient.Id}/prescribe");
            await page.Locator("#templateSlug").SelectOptionAsync(slug);
            await page.GetByRole(AriaRole.Button, new() { Name = "Use this routine" }).ClickAsync();
            await Assertions.Expect(page.Locator(".builder-item h3").First).ToContainTextAsync(name);
            await Assertions.Expect(page.Locator(".builder-item").First.Locator(".exercise-picture")).ToHaveCountAsync(0); // photos only
            await a11y.CheckAsync(page, "prescribe-own-routine");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save prescription" }).ClickAsync();
            await page.WaitForURLAsync($"**/clinic/patients/{patient.Id}");
            await page.Context.CloseAsync();

            // The patient, on a phone.
            var phone = a11y.Watch(await browser.NewPageAsync(390, 844));
            await phone.SignInAsync(a11y, patientUser.Email!);
            await phone.OpenAsync("/me");
            var exercise = phone.Locator(".patient-exercise", new() { HasText = name });
            var photos = exercise.Locator("img.exercise-photo");
            await Assertions.Expect(photos).ToHaveCountAsync(2);
            for (var i = 0; i < 2; i++)
            {
                await photos.Nth(i).ScrollIntoViewIfNeededAsync();
                await Assertions.Expect(photos.Nth(i)).ToBeVisibleAsync();
                // Lazy-loaded: decoded once in view, upright (the sideways phone photo was turned).
                await phone.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await photos.Nth(i).ElementHandleAsync());
            }
            var size = await photos.First.EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight]");
            Assert.True(size[1] > size[0], $"the first photo is not upright: {size[0]}×{size[1]}");
            var player = exercise.Locator("video.exercise-video");
            await player.ScrollIntoViewIfNeededAsync();
            await Assertions.Expect(player).ToBeVisibleAsync();
            Assert.Equal("none", await player.GetAttributeAsync("preload"));
            // The video really plays on the phone: its metadata loads from /media and the frame size is the recorded one.
            var frame = await player.EvaluateAsync<int[]>(
                "v => new Promise((ok, fail) => { v.addEventListener('loadedmetadata', () => ok([v.videoWidth, v.videoHeight]), { once: true }); v.addEventListener('error', () => fail(new Error('video error ' + (v.error && v.error.code))), { once: true }); v.load(); })");
            Assert.Equal([160, 120], frame);
            // An exercise with photos shows its photos only: no placeholder picture beside them.
            await Assertions.Expect(exercise.Locator(".exercise-picture")).ToHaveCountAsync(0);
            await a11y.CheckAsync(phone, "patient-phone");

            // The handout: both photos embedded (print size), themselves without metadata.
            var handout = await phone.APIRequest.GetAsync("/me/handout.pdf");
            Assert.Equal(200, handout.Status);
            var pdf = await handout.BodyAsync();
            using (var document = PdfDocument.Open(pdf))
            {
                var images = document.GetPages().SelectMany(p => p.GetImages()).ToList();
                Assert.Equal(2, images.Count);
                foreach (var image in images) PhoneJpeg.AssertNoMetadata([.. image.RawBytes]);
                Assert.Contains(name, string.Join(" ", document.GetPages().Select(p => p.Text)));
            }
            await phone.Context.CloseAsync();
        });

        // The stored photos, byte for byte: named by their SHA-256, no EXIF, no GPS, no camera serial.
        await using var s = browser.Portal.SystemDb();
        var media = await s.Db.ExerciseMedia.Where(m => s.Db.Exercises.Any(e => e.Id == m.ExerciseId && e.Name == name)).ToListAsync();
        Assert.Equal(2, media.Count(m => m.Kind == MediaKind.Photo));
        Assert.Equal("video/webm", media.Single(m => m.Kind == MediaKind.Video).ContentType);
        var store = s.Services.GetRequiredService<IObjectStore>();
        foreach (var key in media.Where(m => m.Kind == MediaKind.Photo).SelectMany(m => new[] { m.Key, m.PrintKey! }))
        {
            var length = await s.Db.StoredObjects.Where(o => o.Key == key).Select(o => o.Length).SingleAsync();
            var bytes = new byte[length];
            Assert.Equal(length, await store.ReadAsync(key, 0, bytes));
            Assert.Equal(key, ExerciseMediaService.Key(bytes));
            PhoneJpeg.AssertNoMetadata(bytes);
        }
    }

    /// <summary>A real two-second WebM, recorded by the browser itself from a moving canvas (MediaRecorder, VP8).</summary>
    private static async Task<byte[]> RecordWebmAsync(IPage page)
    {
        var base64 = await page.EvaluateAsync<string>("""
            () => new Promise((resolve, reject) => {
                const canvas = document.createElement('canvas');
                canvas.width = 160; canvas.height = 120;
                const g = canvas.getContext('2d');
                let frame = 0;
                const draw = setInterval(() => { g.fillStyle = '#2a7'; g.fillRect(0, 0, 160, 120); g.fillStyle = '#fff'; g.fillRect((frame++ * 4) % 160, 40, 30, 40); }, 40);
                const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
                const parts = [];
                recorder.ondataavailable = e => parts.push(e.data);
                recorder.onerror = e => reject(e.error);
                recorder.onstop = async () => {
                    clearInterval(draw);
                    const bytes = new Uint8Array(await new Blob(parts, { type: 'video/webm' }).arrayBuffer());
                    let text = '';
                    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
                    resolve(btoa(text));
                };
                recorder.start(200);
                setTimeout(() => recorder.stop(), 2000);
            })
            """);
        return Convert.FromBase64String(base64);
    }
}
