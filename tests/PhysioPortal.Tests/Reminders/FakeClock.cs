namespace PhysioPortal.Tests.Reminders;

/// <summary>A clock the test moves by hand.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => Now;

    public void Advance(TimeSpan by) => Now += by;

    public static FakeClock At(string isoUtc) => new(DateTimeOffset.Parse(isoUtc, global::System.Globalization.CultureInfo.InvariantCulture));
}
