using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Media;

namespace PhysioPortal.Web.Pages.Clinic.Library;

/// <summary>
/// The photos and video of an own exercise: upload (multipart, with the form token), remove. A refused file comes back
/// on the page with its message beside the file field and a 4xx status; nothing of it is stored.
/// </summary>
[RequestSizeLimit(ExerciseMediaService.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ExerciseMediaService.MaxRequestBytes)]
public partial class EditModel
{
    public async Task<IActionResult> OnPostPhotoAsync(string slug, IFormFile? photo, [FromServices] ExerciseMediaService media, CancellationToken ct)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (photo is null) return Refused("photo", "Choose a photo to upload.");
        await using var content = photo.OpenReadStream();
        var refusal = await media.AddPhotoAsync(Exercise, content, photo.Length, ct);
        if (refusal is not null) return Refused("photo", refusal, photo.Length > ExerciseMediaService.MaxPhotoBytes);
        TempData["Flash"] = "The photo is added. Its location and camera details were removed.";
        return RedirectToPage("Edit", null, new { slug }, "media");
    }

    public async Task<IActionResult> OnPostVideoAsync(string slug, IFormFile? video, [FromServices] ExerciseMediaService media, CancellationToken ct)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (video is null) return Refused("video", "Choose a video to upload.");
        await using var content = video.OpenReadStream();
        var refusal = await media.AddVideoAsync(Exercise, content, video.Length, ct);
        if (refusal is not null) return Refused("video", refusal, video.Length > ExerciseMediaService.MaxVideoBytes);
        TempData["Flash"] = "The video is added.";
        return RedirectToPage("Edit", null, new { slug }, "media");
    }

    public async Task<IActionResult> OnPostRemoveMediaAsync(string slug, Guid mediaId, [FromServices] ExerciseMediaService media, CancellationToken ct)
    {
        if (!await LoadAsync(slug)) return NotFound();
        if (!await media.RemoveAsync(Exercise, mediaId, ct)) return NotFound();
        TempData["Flash"] = "Removed. Patients who already have this exercise keep what they were given.";
        return RedirectToPage("Edit", null, new { slug }, "media");
    }

    private PageResult Refused(string field, string message, bool tooLarge = false)
    {
        ModelState.Clear();
        Input = ExerciseInput.From(ExerciseDraft.Of(Exercise));
        ModelState.AddModelError(field, message);
        return new PageResult { StatusCode = tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest };
    }

    public string MediaError(string field) => ModelState.TryGetValue(field, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : "";
}
