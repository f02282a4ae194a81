using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Web.Pages.Shared;

/// <summary>A star toggle (_StarButton.cshtml): a small form posting to /clinic/favourites, back to the same page.</summary>
public sealed record StarButton(FavouriteKind Kind, Guid Id, bool Starred, string Name);
