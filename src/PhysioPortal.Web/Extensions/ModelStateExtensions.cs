using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PhysioPortal.Web.Extensions;

public static class ModelStateExtensions
{
    /// <summary>The messages for one field, joined, or "" — for fields drawn by hand rather than with asp-validation-for.</summary>
    public static string ErrorFor(this ModelStateDictionary state, string key) =>
        state.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : "";
}
