using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Data;
using PhysioPortal.Core.Identity;
using PhysioPortal.Core.Text;

namespace PhysioPortal.Web.Pages.Admin;

/// <summary>The clinic's settings: name, contact, time zone, paper size, and whether staff must use two-step sign-in.</summary>
public class SettingsModel(PortalDbContext db) : PageModel
{
    [BindProperty]
    public ClinicInput Input { get; set; } = new();

    private Guid ClinicId => User.ClinicId();

    public async Task OnGetAsync()
    {
        var c = await db.Clinics.AsNoTracking().SingleAsync(x => x.Id == ClinicId);
        Input = new ClinicInput
        {
            Name = c.Name, Phone = c.Phone, Email = c.Email, Address = c.Address, TimeZoneId = c.TimeZoneId,
            PaperSize = c.PaperSize, RequireTwoFactor = c.RequireTwoFactor,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Input.TimeZoneId = PhysioPortal.Core.TimeZones.Canonical(Input.TimeZoneId);
        if (Input.TimeZoneId is null)
            ModelState.AddModelError("Input.TimeZoneId", "Choose the clinic's time zone from the list.");
        if (!Enum.IsDefined(Input.PaperSize)) ModelState.AddModelError("Input.PaperSize", "Choose A4 or US Letter.");
        if (string.IsNullOrWhiteSpace(Input.Name)) ModelState.AddModelError("Input.Name", "Enter the clinic's name.");
        if (!ModelState.IsValid) return Page();
        var c = await db.Clinics.SingleAsync(x => x.Id == ClinicId);
        c.Name = Input.Name!.Trim();
        c.Phone = string.IsNullOrWhiteSpace(Input.Phone) ? null : Input.Phone.Trim();
        c.Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim();
        c.Address = string.IsNullOrWhiteSpace(Input.Address) ? null : Input.Address.Trim();
        c.TimeZoneId = Input.TimeZoneId!;
        c.PaperSize = Input.PaperSize;
        c.RequireTwoFactor = Input.RequireTwoFactor;
        await db.SaveChangesAsync();
        TempData["Flash"] = "The clinic's settings are saved.";
        return RedirectToPage();
    }

    public sealed class ClinicInput
    {
        [Required(ErrorMessage = "Enter the clinic's name.")]
        [StringLength(200, ErrorMessage = "Keep the name under 200 characters.")]
        [SingleLine(ErrorMessage = "The clinic's name cannot contain line breaks or control characters.")]
        public string? Name { get; set; }

        [StringLength(40, ErrorMessage = "Keep the phone number under 40 characters.")]
        [SingleLine(ErrorMessage = "The phone number cannot contain line breaks or control characters.")]
        public string? Phone { get; set; }

        [EmailAddress(ErrorMessage = "Enter an email address such as hello@clinic.example.")]
        [StringLength(254)]
        [SingleLine(ErrorMessage = "The email address cannot contain line breaks or control characters.")]
        public string? Email { get; set; }

        [StringLength(300, ErrorMessage = "Keep the address under 300 characters.")]
        [SingleLine(ErrorMessage = "Write the address on one line (no line breaks or control characters).")]
        public string? Address { get; set; }

        public string? TimeZoneId { get; set; }
        public PaperSize PaperSize { get; set; }
        public bool RequireTwoFactor { get; set; }
    }
}
