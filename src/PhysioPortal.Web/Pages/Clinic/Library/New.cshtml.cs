using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Exercises;
using PhysioPortal.Core.Identity;

namespace PhysioPortal.Web.Pages.Clinic.Library;

/// <summary>A new own exercise, empty or copied from any exercise the clinic can see (?copy=slug).</summary>
public class NewModel(PortalDbContext db, ClinicLibrary library) : PageModel
{
    [BindProperty]
    public ExerciseInput Input { get; set; } = new();

    /// <summary>The exercise this one is a copy of, carried through the form.</summary>
    [BindProperty]
    public Guid? CopiedFromId { get; set; }

    public string? CopiedFromName { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? copy)
    {
        Input = ExerciseInput.Empty();
        if (!string.IsNullOrEmpty(copy))
        {
            if (await library.CopyOfAsync(copy) is not { } source) return NotFound();
            Input = ExerciseInput.From(source.Draft);
            CopiedFromId = source.Id;
        }
        await NameCopiedFromAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await NameCopiedFromAsync();
        var draft = Input.ToDraft(ModelState);
        if (draft is null) return Page();
        var exercise = await library.CreateAsync(User.ClinicId(), draft, CopiedFromName is null ? null : CopiedFromId);
        TempData["Flash"] = $"{exercise.Name} is in your clinic's library. Add photos or a video below.";
        return RedirectToPage("Edit", new { slug = exercise.Slug });
    }

    private async Task NameCopiedFromAsync()
    {
        if (CopiedFromId is { } id)
        {
            CopiedFromName = await db.Exercises.AsNoTracking().Where(e => e.Id == id).Select(e => e.Name).FirstOrDefaultAsync();
        }
    }
}
