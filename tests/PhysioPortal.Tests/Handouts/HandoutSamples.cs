using PhysioPortal.Core.Clinics;
using PhysioPortal.Core.Handouts;

namespace PhysioPortal.Tests.Handouts;

/// <summary>Realistic handout models for tests (and for looking at the PDF by eye).</summary>
public static class HandoutSamples
{
    public static HandoutModel EightExercises(PaperSize paper = PaperSize.A4) => new()
    {
        ClinicName = "Riverside Physiotherapy & Spine Clinic",
        ClinicContact = new HandoutClinicContact
        {
            AddressLines = ["12 Harbour Road, Dublin"],
            Phone = "+353 1 555 0142",
            Email = "hello@riversidephysio.example",
        },
        PaperSize = paper,
        PatientName = "José Müller-Łukasiewicz",
        ClinicianName = "Aoife Ní Bhriain, MISCP",
        Date = new DateOnly(2026, 3, 14),
        RoutineTitle = "Scoliosis routine",
        NoteToPatient =
            "Do this routine once a day, ideally at the same time. Move slowly, breathe steadily and never push into " +
            "sharp pain. Tick the chart at the end each time you finish; bring this sheet to your next appointment.",
        ScheduleDays = ["Mon", "Wed", "Fri"],
        SessionsPerDay = 1,
        LogUrl = "https://physio.example/l/7Hk2Qp",
        Exercises =
        [
            Exercise(1, "Child’s Pose", "Kneeling", "Mat", "hold 15–30 s · 3 reps · both sides",
                ["Kneel on a mat with your big toes touching and your knees hip-width apart.",
                 "Sit back towards your heels and walk your hands forward until your arms are straight and your forehead rests on the floor or a cushion.",
                 "Walk both hands towards the side opposite your curve and feel a gentle stretch along the side of your trunk; hold, then return to the middle.",
                 "Breathe slowly into the lower ribs on the stretched side for the whole hold."],
                ["Skip the side stretch if it pinches your lower back."]),
            Exercise(2, "Cat–Cow Mobilisation", "All fours", "Mat", "2 sets · 10 reps · rest 30 s",
                ["Start on hands and knees, wrists under shoulders and knees under hips.",
                 "Breathe in and let your belly sink while you lift your chest and tailbone (cow).",
                 "Breathe out and round your back towards the ceiling, tucking your chin (cat).",
                 "Keep the movement smooth and within a comfortable range; do not force the end positions."],
                ["Put a folded towel under your knees if kneeling hurts."], "Go slowly: 3 seconds each way."),
            Exercise(3, "Side-lying Thoracic Rotation", "Side-lying", "Cushion", "2 sets · 8 reps · each side",
                ["Lie on your side with your knees bent to 90° and a cushion under your head.",
                 "Stretch both arms out in front of you, palms together.",
                 "Lift the top arm and open it across to the other side, following your hand with your eyes.",
                 "Pause for two breaths, then bring the arm back to the start."], []),
            Exercise(4, "Bird Dog", "All fours", "None", "2 sets · 8 reps · alternating sides",
                ["Start on hands and knees with a long, flat back.",
                 "Tighten your tummy gently as if zipping up tight trousers.",
                 "Reach one arm forward and the opposite leg back until both are level with your body.",
                 "Hold for 3 seconds without letting your hips tip, then return and swap sides."],
                ["Keep your lower back still; make the movement smaller if it arches."]),
            Exercise(5, "Dead Bug", "Lying on back", "Mat", "2 sets · 10 reps · alternating sides",
                ["Lie on your back with your arms pointing to the ceiling and your knees bent above your hips.",
                 "Press your lower back gently into the floor.",
                 "Lower one arm behind your head and the opposite leg towards the floor, keeping your back flat.",
                 "Return to the start and repeat on the other side."], []),
            Exercise(6, "Wall Angels", "Standing", "Wall", "2 sets · 10 reps",
                ["Stand with your back against a wall, feet a small step away from it.",
                 "Bring your arms up into a goalpost shape with the backs of your hands towards the wall.",
                 "Slide your arms slowly up the wall as far as is comfortable, then back down."],
                ["Stop if you feel tingling in your hands."]),
            Exercise(7, "Side Plank on Knees", "Side-lying", "Mat", "hold 10–20 s · 3 reps · each side",
                ["Lie on your side propped on your forearm, elbow under your shoulder, knees bent.",
                 "Lift your hips so your body makes a straight line from knees to head.",
                 "Hold, breathing normally, then lower with control."], [],
                "Do this one on your curve’s convex side first."),
            Exercise(8, "Diaphragmatic Breathing", "Lying on back", "Cushion", "5 minutes",
                ["Lie on your back with your knees bent and one hand on your belly, one on your chest.",
                 "Breathe in through your nose and let your belly rise under your hand while your chest stays still.",
                 "Breathe out slowly through pursed lips, letting your belly fall.",
                 "Keep the breathing slow and relaxed; aim for about six breaths a minute."], []),
        ],
    };

    public static HandoutExercise Exercise(
        int number, string name, string position, string equipment, string dosage,
        IReadOnlyList<string> steps, IReadOnlyList<string> cautions, string? note = null) => new()
    {
        Number = number,
        Name = name,
        StartingPosition = position,
        Equipment = equipment,
        DosageLine = dosage,
        Steps = steps,
        Cautions = cautions,
        ClinicianNote = note,
    };
}
