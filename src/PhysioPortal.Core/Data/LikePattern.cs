namespace PhysioPortal.Core.Data;

/// <summary>
/// What a person typed into a search box, as a PostgreSQL (I)LIKE pattern that finds it anywhere in a column:
/// <c>%</c>, <c>_</c> and <c>\</c> in the text match themselves. Use with <see cref="EscapeCharacter"/>:
/// <c>EF.Functions.ILike(column, LikePattern.Containing(text), LikePattern.EscapeCharacter)</c>.
/// </summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Containing(string text) => "%" + Escape(text) + "%";

    /// <summary>A pattern that finds <paramref name="text"/> at the start of a column (a btree index can serve it as a range).</summary>
    public static string StartingWith(string text) => Escape(text) + "%";

    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
