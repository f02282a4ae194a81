namespace PhysioPortal.Web.Pages.Shared;

/// <summary>The one time zone picker (Core's <see cref="PhysioPortal.Core.TimeZones"/> list), for any form.</summary>
public sealed record TimeZoneSelectView(string Name, string Id, string? Selected, string CssClass, string? DescribedBy = null);
