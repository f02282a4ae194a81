namespace PhysioPortal.Web.Operations;

/// <summary>
/// A setting the portal cannot start with. Program.cs prints its message (which names the setting and how to write
/// it) and exits with code 2, without a stack trace: the operator's mistake, not the portal's.
/// </summary>
public sealed class PortalSettingException(string message) : Exception(message)
{
    public const int ExitCode = 2;
}
