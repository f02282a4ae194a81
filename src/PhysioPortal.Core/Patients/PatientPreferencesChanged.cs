namespace PhysioPortal.Core.Patients;

/// <summary>Something that must react when a patient's reminder time, time zone, email consent or archive state changes.</summary>
public interface IPatientChangeListener
{
    Task PatientChangedAsync(Guid patientId, CancellationToken ct = default);
}

/// <summary>Tells every listener (the email planner, for one) that a patient's preferences changed.</summary>
public sealed class PatientPreferencesChanged(IEnumerable<IPatientChangeListener> listeners)
{
    public async Task NotifyAsync(Guid patientId, CancellationToken ct = default)
    {
        foreach (var listener in listeners)
        {
            await listener.PatientChangedAsync(patientId, ct);
        }
    }
}
