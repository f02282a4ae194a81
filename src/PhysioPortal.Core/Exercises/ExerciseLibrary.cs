namespace PhysioPortal.Core.Exercises;

/// <summary>
/// The built-in exercise library and routine templates, built from a public article on
/// back-pain exercises (not part of the repository; see ExerciseLibraryTests for how copying is ruled out). Facts (names, positions, holds, repetitions, sides, groups) come from the
/// article; every step and every "targets" line is written by us in plain language. Where the article is wrong or
/// muddled, the entry says what is physically correct and a comment explains the change.
/// </summary>
/// <remarks>
/// Steps never repeat the dosage numbers: the dosage lives in <see cref="Dosage"/> only, so a clinician who changes it
/// never leaves a handout that contradicts itself. Where the article gives no repetitions for a stretch that it says
/// to "repeat as needed", we use 3 (our default, marked in a comment).
/// </remarks>
public static class ExerciseLibrary
{
    private const int RepeatAsNeededDefault = 3;

    public static IReadOnlyList<ExerciseSeed> Exercises { get; } =
    [
        // ───────────────────────────── Upper back ─────────────────────────────
        new(
            Slug: "upper-back-stretch",
            Name: "Upper Back Stretch",
            Group: ExerciseGroup.UpperBack,
            Position: StartingPosition.Standing,
            Equipment: Equipment.None,
            Steps:
            [
                "Stand up straight with your feet about as wide apart as your shoulders.",
                "Link your fingers together in front of your chest and turn your palms away from you.",
                "Reach your hands forward so your upper back curves and your shoulder blades spread apart.",
                "Keep your neck relaxed and breathe slowly while you hold.",
                "Let your arms down, rest for a moment, then do it again.",
            ],
            Targets: "Stretches the muscles between and around the shoulder blades.",
            // "Repeat as needed": 3 repetitions is our default, the article gives no number.
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30, RepsMin = RepeatAsNeededDefault },
            Cautions: CautionTags.None),

        new(
            Slug: "shoulder-rolls",
            Name: "Shoulder Rolls",
            Group: ExerciseGroup.UpperBack,
            Position: StartingPosition.Standing,
            Equipment: Equipment.None,
            // The article has the shoulder blades squeezing together during the FORWARD rolls. A forward roll draws
            // the blades apart; they come together on the backward half of the circle, which is what we describe.
            Steps:
            [
                "Stand tall and let your arms hang loosely at your sides.",
                "Lift your shoulders up toward your ears, bring them forward, then let them drop, making a smooth circle.",
                "After the forward circles, change direction.",
                "For the backward circles, lift your shoulders, draw them back so the shoulder blades come together, then let them drop.",
                "Move slowly and keep breathing normally.",
            ],
            Targets: "Loosens tight muscles across the tops of the shoulders and the upper back.",
            Dosage: new Dosage { RepsMin = 10, Sides = SideMode.BothDirections },
            Cautions: CautionTags.None),

        new(
            Slug: "chest-opener",
            Name: "Chest Opener",
            Group: ExerciseGroup.UpperBack,
            Position: StartingPosition.Standing,
            Equipment: Equipment.None,
            Steps:
            [
                "Stand tall with your feet about hip-width apart.",
                "Put your hands behind you and link your fingers; if they do not meet, hold a small towel between them.",
                "Draw your shoulders back and down and lift your chest.",
                "Raise your joined hands a little away from your back until you feel a stretch across the front of your chest.",
                "Hold, breathing normally, then lower your hands and rest before the next one.",
            ],
            Targets: "Stretches the chest and the front of the shoulders so the upper back can sit and stand taller.",
            // "Repeat as needed": 3 repetitions is our default.
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30, RepsMin = RepeatAsNeededDefault },
            Cautions: CautionTags.None),

        new(
            Slug: "seated-twist",
            Name: "Seated Twist",
            Group: ExerciseGroup.UpperBack,
            Position: StartingPosition.Sitting,
            Equipment: Equipment.Chair,
            Steps:
            [
                "Sit near the front of a sturdy chair, both feet on the floor, back tall.",
                "Rest your right hand against the outer side of your left thigh.",
                "Slowly turn your upper body to the left and look back over your left shoulder.",
                "Keep your hips facing forward and turn only as far as is comfortable.",
                "Hold, come back to the middle, then turn the other way with your hands swapped.",
            ],
            Targets: "Eases stiffness in the upper and middle back by turning the spine gently.",
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30, Sides = SideMode.EachSide },
            Cautions: CautionTags.Twisting,
            // Almost the same movement as "Seated Spinal Twist" of the at-work group; both are kept, each in its group.
            VariantNote: "At home on any sturdy chair, for the upper back"),

        // ───────────────────────────── Lower back ─────────────────────────────
        new(
            Slug: "cat-camel-stretch",
            Name: "Cat-Camel Stretch",
            Group: ExerciseGroup.LowerBack,
            Position: StartingPosition.AllFours,
            Equipment: Equipment.None,
            // The article says "arch your back upward like a cat": it means rounding (flexion). We say "round" so
            // nobody arches (extends) instead. The sagging half is gentle and unloaded, so no SpinalExtension tag.
            Steps:
            [
                "Get on your hands and knees, hands under your shoulders and knees under your hips.",
                "Round your back up toward the ceiling and let your chin drop toward your chest.",
                "Pause there briefly.",
                "Slowly let your back sink toward the floor while you raise your head to look ahead.",
                "Move smoothly between the two shapes, staying in a comfortable range.",
            ],
            Targets: "Moves the whole spine gently to ease stiffness in the lower back.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.KneeLoading | CautionTags.WristLoading),

        new(
            Slug: "knee-to-chest-stretch",
            Name: "Knee-to-Chest Stretch",
            Group: ExerciseGroup.LowerBack,
            Position: StartingPosition.LyingOnBack,
            Equipment: Equipment.None,
            // We hold behind the thigh rather than over the kneecap: it stretches the same and spares the knee.
            Steps:
            [
                "Lie on your back on a firm surface with both legs straight.",
                "Slowly bend one knee and bring it up toward your chest.",
                "Hold the leg with both hands behind the thigh, just below the knee, and draw it in gently.",
                "Let the other leg rest on the floor; bend it if your back feels strained.",
                "Hold, lower the leg slowly, then do the other side.",
            ],
            Targets: "Stretches the lower back and the buttock muscles.",
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30, Sides = SideMode.EachSide },
            Cautions: CautionTags.LyingOnBack),

        new(
            Slug: "pelvic-tilts",
            Name: "Pelvic Tilts",
            Group: ExerciseGroup.LowerBack,
            Position: StartingPosition.LyingOnBack,
            Equipment: Equipment.None,
            Steps:
            [
                "Lie on your back, knees bent and both feet resting flat.",
                "Tighten your stomach muscles gently.",
                "Tip your hips so the small of your back presses flat into the floor.",
                "Hold briefly and keep breathing, then relax back to where you started.",
            ],
            Targets: "Wakes up the deep stomach muscles and moves the lower back gently.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.LyingOnBack),

        new(
            Slug: "bridge-pose",
            Name: "Bridge Pose",
            Group: ExerciseGroup.LowerBack,
            Position: StartingPosition.LyingOnBack,
            Equipment: Equipment.None,
            // The article does not say where to stop: we stop at a straight line shoulders–knees, no arching.
            Steps:
            [
                "Lie on your back, knees bent, feet flat and about hip-width apart.",
                "Rest your arms by your sides with your palms down.",
                "Squeeze your buttocks and tighten your stomach, then slowly lift your hips.",
                "Stop when your body is in a straight line from shoulders to knees; do not arch your back.",
                "Hold, then roll slowly back down and rest before the next one.",
            ],
            Targets: "Strengthens the buttocks, the backs of the thighs and the lower back.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 15, HoldMaxSeconds = 30 },
            Cautions: CautionTags.LyingOnBack),

        // ─────────────────────────────── Core ───────────────────────────────
        // The article's plank paragraph has lost its heading; it is still an exercise.
        new(
            Slug: "plank",
            Name: "Plank",
            Group: ExerciseGroup.Core,
            // There is no "plank" position. The body faces the floor and the steps start lying face down, so
            // LyingFaceDown is the closest position, and it is tagged LyingFaceDown so the pregnancy rule sees a
            // prone exercise (the belly hangs toward the floor and the stomach wall carries the load).
            Position: StartingPosition.LyingFaceDown,
            Equipment: Equipment.None,
            Steps:
            [
                "Lie face down, palms on the floor beneath your shoulders, toes curled under.",
                "Tighten your stomach and push up onto your hands and toes, arms straight.",
                "Keep your body in one straight line from head to heels; do not let your hips drop or stick up.",
                "Hold, breathing steadily, then lower yourself down gently.",
            ],
            Targets: "Strengthens the stomach, lower back and hip muscles that keep the spine steady.",
            // The article says "at least 30 seconds" with no upper limit: 60 s as the top of the range is ours.
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60 },
            Cautions: CautionTags.LyingFaceDown | CautionTags.WristLoading),

        new(
            Slug: "bird-dog",
            Name: "Bird Dog",
            Group: ExerciseGroup.Core,
            Position: StartingPosition.AllFours,
            Equipment: Equipment.None,
            Steps:
            [
                "Get on your hands and knees, hands under your shoulders and knees under your hips.",
                "Tighten your stomach so your back stays flat and still.",
                "Reach your right arm straight ahead and your left leg straight back at the same time.",
                "Hold briefly without letting your hips tip, then bring both back down.",
                "Now do the left arm with the right leg, and keep taking turns.",
            ],
            Targets: "Builds control of the core and balance while the spine stays steady.",
            Dosage: new Dosage { RepsMin = 10, RepsMax = 12, HoldMinSeconds = 3, HoldMaxSeconds = 5, Sides = SideMode.Alternating },
            Cautions: CautionTags.KneeLoading | CautionTags.WristLoading | CautionTags.Balance),

        // The article's superman paragraph has lost its heading; it is still an exercise.
        new(
            Slug: "superman",
            Name: "Superman",
            Group: ExerciseGroup.Core,
            Position: StartingPosition.LyingFaceDown,
            Equipment: Equipment.None,
            Steps:
            [
                "Lie on your stomach with your legs straight and your arms stretched out past your head.",
                "Look down at the floor so your neck stays in line with your back.",
                "Slowly raise your arms, chest and legs a little way up.",
                "Hold briefly, then lower everything gently back down.",
                "Lift only as high as you can without pain in your back.",
            ],
            Targets: "Strengthens the muscles along the back of the spine, the buttocks and the shoulders.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.LyingFaceDown | CautionTags.SpinalExtension),

        new(
            Slug: "dead-bug",
            Name: "Dead Bug",
            Group: ExerciseGroup.Core,
            Position: StartingPosition.LyingOnBack,
            Equipment: Equipment.None,
            Steps:
            [
                "Lie on your back and reach both arms straight up toward the ceiling.",
                "Lift your legs so your hips and knees are bent at right angles, shins level with the floor.",
                "Press your lower back gently into the floor and keep it there throughout.",
                "Slowly lower your right arm back past your head and straighten your left leg toward the floor, stopping before either touches.",
                "Return to the start, then do the left arm with the right leg, taking turns.",
            ],
            Targets: "Strengthens the deep stomach muscles while the arms and legs move.",
            // The article gives no hold: repetitions only.
            Dosage: new Dosage { RepsMin = 10, RepsMax = 12, Sides = SideMode.Alternating },
            Cautions: CautionTags.LyingOnBack),

        // ──────────────────────────── Flexibility ────────────────────────────
        new(
            Slug: "childs-pose",
            Name: "Child’s Pose",
            Group: ExerciseGroup.Flexibility,
            Position: StartingPosition.Kneeling,
            Equipment: Equipment.None,
            // A resting, fully supported stretch: the spine bends forward but carries no load, so no
            // LoadedSpinalFlexion tag.
            Steps:
            [
                "Kneel down, knees about hip-width apart, big toes together behind you.",
                "Slowly sit your hips back toward your heels.",
                "Walk your hands forward along the floor and rest your forehead down; a cushion under your head or knees can help.",
                "Breathe slowly and deeply and let your back relax.",
                "To come up, walk your hands back toward your knees and lift yourself slowly.",
            ],
            Targets: "Gently stretches the lower back, the hips and the buttocks.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60 },
            Cautions: CautionTags.KneeLoading),

        new(
            Slug: "pigeon-pose",
            Name: "Pigeon Pose",
            Group: ExerciseGroup.Flexibility,
            // The article starts from downward-facing dog, which has no position of its own: you get there from
            // all fours, and the hands and knees carry the weight, hence AllFours with wrist and knee tags.
            Position: StartingPosition.AllFours,
            Equipment: Equipment.None,
            Steps:
            [
                "Start on your hands and knees; if you know downward dog, lift your hips up and back into it.",
                "Move your right knee forward and set it down on the floor just behind your right wrist, the foot angled toward your left hip.",
                "Slide your left leg straight back as far as is comfortable, keeping your hips level.",
                "Lower your upper body onto your forearms, or further down to rest your forehead.",
                "Hold, come up slowly, then change legs.",
            ],
            Targets: "Stretches the buttock and outer hip of the front leg and the front of the back hip.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60, Sides = SideMode.EachSide },
            Cautions: CautionTags.WristLoading | CautionTags.KneeLoading),

        new(
            Slug: "forward-fold",
            Name: "Forward Fold",
            Group: ExerciseGroup.Flexibility,
            Position: StartingPosition.Standing,
            Equipment: Equipment.None,
            // Soft knees and a slow return are our additions: they spare the lower back and avoid dizziness.
            Steps:
            [
                "Stand up straight, feet a hip-width apart, knees soft rather than locked.",
                "Bend forward slowly from your hips and reach your hands down toward your toes.",
                "If your fingers do not get that far, let your hands rest lower on your legs, at the shins or ankles.",
                "Let your head, neck and arms hang heavy and breathe slowly.",
                "Bend your knees a little and come up slowly so you do not feel dizzy.",
            ],
            Targets: "Stretches the backs of the thighs and the lower back.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60 },
            Cautions: CautionTags.LoadedSpinalFlexion),

        new(
            Slug: "standing-hamstring-stretch",
            Name: "Standing Hamstring Stretch",
            Group: ExerciseGroup.Flexibility,
            Position: StartingPosition.Standing,
            Equipment: Equipment.None,
            // The article says to reach toward the toes, which invites rounding the back. We describe a hip hinge with
            // a straight back (hands on the thighs), so the spine is not flexed under load and carries no tag.
            Steps:
            [
                "Stand up straight, feet about a hip-width apart.",
                "Put one foot a little ahead of you and rest its heel on the floor, toes pointing up.",
                "Bend your back knee slightly and rest your hands on your thighs.",
                "Keeping your back straight, tip forward from your hips until you feel a stretch down the back of the front leg.",
                "Hold, stand back up, then change legs.",
            ],
            Targets: "Stretches the muscles at the back of the thigh, which helps the lower back move freely.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60, Sides = SideMode.EachSide },
            Cautions: CautionTags.None,
            VariantNote: "Front heel down on the floor"),

        // ───────────────────────────── Posture ─────────────────────────────
        new(
            Slug: "wall-angels",
            Name: "Wall Angels",
            Group: ExerciseGroup.Posture,
            Position: StartingPosition.Standing,
            Equipment: Equipment.Wall,
            Steps:
            [
                "Stand with your back to a wall and your heels about 15 cm (6 inches) out from it.",
                "Rest your bottom, upper back and, if you can, your head against the wall.",
                "Raise your arms with the elbows bent at right angles and the backs of your hands on the wall, like a goalpost.",
                "Slowly slide your arms up the wall and back down, keeping your hands and elbows in contact as best you can.",
                "Keep your shoulders down and your upper back on the wall the whole time.",
            ],
            Targets: "Strengthens the upper back and shoulder muscles that help you stand up straight.",
            Dosage: new Dosage { RepsMin = 10, RepsMax = 12 },
            Cautions: CautionTags.None),

        new(
            Slug: "scapular-squeeze",
            Name: "Scapular Squeeze",
            Group: ExerciseGroup.Posture,
            Position: StartingPosition.Standing,
            Equipment: Equipment.None,
            // The article says "as tightly as possible"; a maximal squeeze makes people shrug and hold their breath,
            // so we ask for a firm squeeze without shrugging.
            Steps:
            [
                "Stand up straight, feet apart, arms hanging loosely.",
                "Draw your shoulder blades back toward your spine and slightly down.",
                "Squeeze firmly, without lifting your shoulders toward your ears.",
                "Hold briefly, keep breathing, then relax.",
            ],
            Targets: "Strengthens the muscles between the shoulder blades to improve posture.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.None),

        new(
            Slug: "upper-back-extension",
            Name: "Upper Back Extension",
            Group: ExerciseGroup.Posture,
            Position: StartingPosition.LyingFaceDown,
            Equipment: Equipment.None,
            Steps:
            [
                "Lie face down with your arms stretched out past your head.",
                "Keep your eyes on the floor so your neck stays long.",
                "Pull your shoulder blades together and lift your chest and arms a little off the floor.",
                "Keep your hips and legs resting on the floor.",
                "Hold briefly, then lower slowly back down.",
            ],
            Targets: "Strengthens the upper back muscles to help against slouching.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.LyingFaceDown | CautionTags.SpinalExtension),

        new(
            Slug: "neck-retraction",
            Name: "Neck Retraction",
            Group: ExerciseGroup.Posture,
            Position: StartingPosition.Sitting,
            Equipment: Equipment.Chair,
            Steps:
            [
                "Sit up tall in a chair with both feet flat on the floor.",
                "Look straight ahead and keep your head level.",
                "Slide your chin straight back, as if making a double chin, without tipping your head up or down.",
                "Hold briefly, then let your head ease forward again to relax.",
            ],
            Targets: "Strengthens the deep neck muscles and helps correct a head that pokes forward.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.None),

        // ─────────────────────────────── Hips ───────────────────────────────
        new(
            Slug: "hip-flexor-stretch",
            Name: "Hip Flexor Stretch",
            Group: ExerciseGroup.Hips,
            Position: StartingPosition.Kneeling,
            Equipment: Equipment.None,
            // Tucking the tailbone is our addition: without it people arch the lower back instead of stretching the
            // hip. Half-kneeling is a narrow base, hence the Balance tag and the chair to hold.
            Steps:
            [
                "Go down on one knee on a cushion, the other foot planted ahead of you.",
                "Put your hands on your hips; hold a chair or the wall beside you if you feel unsteady.",
                "Tuck your tailbone under slightly so your lower back does not arch.",
                "Shift your body gently forward until you feel a stretch at the front of the hip of the kneeling leg.",
                "Hold, then change legs.",
            ],
            Targets: "Stretches the muscles at the front of the hip, which pull on the lower back when they are tight.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60, Sides = SideMode.EachSide },
            Cautions: CautionTags.KneeLoading | CautionTags.Balance),

        new(
            Slug: "piriformis-stretch",
            Name: "Piriformis Stretch",
            Group: ExerciseGroup.Hips,
            Position: StartingPosition.LyingOnBack,
            Equipment: Equipment.None,
            Steps:
            [
                "Lie on your back, knees bent and both feet resting flat.",
                "Rest your right ankle across your left knee.",
                "Reach both hands behind your left thigh and slowly draw that leg toward your chest.",
                "Stop when you feel a stretch deep in your right buttock and outer hip.",
                "Hold, then lower the leg and swap sides.",
            ],
            Targets: "Stretches the piriformis, a deep buttock muscle that can tighten and add to back pain.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60, Sides = SideMode.EachSide },
            Cautions: CautionTags.LyingOnBack),

        new(
            Slug: "seated-figure-four-stretch",
            Name: "Seated Figure Four Stretch",
            Group: ExerciseGroup.Hips,
            Position: StartingPosition.Sitting,
            Equipment: Equipment.Chair,
            Steps:
            [
                "Sit on a sturdy chair or the edge of your bed with your feet flat.",
                "Rest your right ankle on top of your left knee so your legs make the shape of a 4.",
                "Pull your right toes up toward your shin to protect the knee.",
                "Press gently down on your right knee until the outside of your hip and buttock feel stretched.",
                "Hold, then change legs.",
            ],
            Targets: "Loosens the muscles of the outer hip and buttock.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60, Sides = SideMode.EachSide },
            Cautions: CautionTags.None),

        // The article's lunges paragraph has lost its heading; it is still an exercise.
        new(
            Slug: "lunges",
            Name: "Lunges",
            Group: ExerciseGroup.Hips,
            Position: StartingPosition.Standing,
            Equipment: Equipment.None,
            Steps:
            [
                "Stand up straight, feet a hip-width apart, with a chair or the wall close by for balance.",
                "Take a long stride forward with the right foot.",
                "Bend both knees to lower your body, keeping the front knee above the ankle, not past the toes.",
                "Hold briefly, then push back through the front foot to stand up again.",
                "Step forward with the left foot next, and keep swapping legs.",
            ],
            Targets: "Strengthens and loosens the hips and legs.",
            Dosage: new Dosage { RepsMin = 10, RepsMax = 12, HoldMinSeconds = 3, HoldMaxSeconds = 5, Sides = SideMode.Alternating },
            Cautions: CautionTags.Balance | CautionTags.KneeLoading),

        // ────────────────────────────── At work ──────────────────────────────
        new(
            Slug: "seated-spinal-twist",
            Name: "Seated Spinal Twist",
            Group: ExerciseGroup.AtWork,
            Position: StartingPosition.Sitting,
            Equipment: Equipment.Chair,
            Steps:
            [
                "Sit tall in your desk chair with both feet flat; if the chair swivels, keep your feet planted to hold it still.",
                "Rest your right hand against the outer side of your left thigh.",
                "Turn your upper body gently to the left and look back over your left shoulder.",
                "Hold, feeling the stretch along your back and side, then come back to the middle.",
                "Repeat to the right, with your left hand on your right thigh.",
            ],
            Targets: "Relieves back stiffness that builds up from sitting still for long periods.",
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30, Sides = SideMode.EachSide },
            Cautions: CautionTags.Twisting,
            VariantNote: "At work, in your desk chair"),

        new(
            Slug: "chair-cat-camel-stretch",
            Name: "Chair Cat-Camel Stretch",
            Group: ExerciseGroup.AtWork,
            Position: StartingPosition.Sitting,
            Equipment: Equipment.Chair,
            // Sitting, "lower your back to create a sag" means arching the lower back and lifting the chest.
            Steps:
            [
                "Sit up straight, feet on the floor, hands resting on your thighs.",
                "Round your back, pull your stomach in and drop your chin toward your chest.",
                "Pause there briefly.",
                "Then gently arch your lower back, lift your chest and raise your head to look forward.",
                "Move slowly between the two positions.",
            ],
            Targets: "Moves the spine forward and back to ease stiffness from sitting.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.None),

        new(
            Slug: "desk-shoulder-stretch",
            Name: "Desk Shoulder Stretch",
            Group: ExerciseGroup.AtWork,
            Position: StartingPosition.Standing,
            Equipment: Equipment.Desk,
            // The upper body is supported by the arms on the desk: no load on a flexed spine, so no tag.
            Steps:
            [
                "Stand facing your desk and hold its edge with both hands; make sure the desk cannot move.",
                "Walk your feet back a step or two.",
                "Bend forward from your hips until your arms are straight and your back is flat.",
                "Let your head drop between your arms and feel the stretch in your shoulders and upper back.",
                "Hold, then walk your feet back in and stand up slowly.",
            ],
            Targets: "Stretches the shoulders, chest and upper back after long spells at a desk.",
            // The article holds once and releases: no repetitions.
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30 },
            Cautions: CautionTags.None),

        new(
            Slug: "standing-hamstring-stretch-desk",
            Name: "Standing Hamstring Stretch",
            Group: ExerciseGroup.AtWork,
            Position: StartingPosition.Standing,
            // The article offers "your desk or a sturdy chair". A desk is too high for many people, so the steps put the
            // chair first; Equipment stays Desk because this is the at-work variant.
            Equipment: Equipment.Desk,
            Steps:
            [
                "Stand facing a sturdy chair or your desk, choosing a height you can reach easily.",
                "Lift one leg and rest the heel on the seat or desk, keeping that leg straight.",
                "Stand tall on your other leg, holding the desk if you feel unsteady.",
                "Keeping your back straight, lean forward from your hips until you feel a stretch behind the raised leg.",
                "Hold, lower the leg carefully, then change sides.",
            ],
            Targets: "Stretches the back of the thigh to ease tension in the lower back during the working day.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60, Sides = SideMode.EachSide },
            // Standing on one leg while the other is raised.
            Cautions: CautionTags.Balance,
            VariantNote: "Heel raised on a chair or desk"),

        // ───────────────────────────── Pregnancy ─────────────────────────────
        new(
            Slug: "pregnancy-cat-camel-stretch",
            Name: "Pregnancy Cat-Camel Stretch",
            Group: ExerciseGroup.Pregnancy,
            Position: StartingPosition.AllFours,
            Equipment: Equipment.None,
            // The article copies the ordinary cat-camel, including a full sag of the lower back. In pregnancy the
            // weight of the belly already pulls the back into a hollow, so we bring the back down only to flat.
            Steps:
            [
                "Get on your hands and knees, hands under your shoulders and knees under your hips; a mat or folded towel helps your knees.",
                "Round your back up toward the ceiling and let your head drop.",
                "Pause there briefly.",
                "Slowly lower your back to flat as you lift your head to look ahead; do not let your belly sag down.",
                "Keep breathing and move at an easy pace.",
            ],
            Targets: "Eases back stiffness in pregnancy by moving the spine gently.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.KneeLoading | CautionTags.WristLoading,
            VariantNote: "For pregnancy: the back comes down only to flat"),

        new(
            Slug: "prenatal-pelvic-tilts",
            Name: "Prenatal Pelvic Tilts",
            Group: ExerciseGroup.Pregnancy,
            Position: StartingPosition.AllFours,
            Equipment: Equipment.None,
            // The article is on all fours but says to flatten the lower back "against the floor", which is impossible
            // there. On all fours the tilt is a tuck of the pelvis that gently rounds the lower back.
            Steps:
            [
                "Get on your hands and knees, hands under your shoulders and knees under your hips.",
                "Start with your back flat, like a table top.",
                "Tighten your stomach muscles and tuck your tailbone under, so your lower back rounds up gently.",
                "Hold briefly, breathing normally.",
                "Relax back to a flat back, without letting it sag.",
            ],
            Targets: "Strengthens the stomach muscles and eases lower back ache in pregnancy.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.KneeLoading | CautionTags.WristLoading),

        new(
            Slug: "pregnancy-bridge-pose",
            Name: "Pregnancy Bridge Pose",
            Group: ExerciseGroup.Pregnancy,
            Position: StartingPosition.LyingOnBack,
            Equipment: Equipment.None,
            // Done lying on the back: the safety rules warn after the first trimester (ACOG Committee Opinion 804).
            // The last step (roll to the left side if dizzy) is ours: lying on the back can press on the large vein.
            Steps:
            [
                "Lie on your back, knees bent, feet flat and hip-width apart.",
                "Rest your arms by your sides with your palms down.",
                "Tighten your buttocks and stomach and gently lift your hips.",
                "Hold, then lower your hips slowly back down.",
                "If you feel dizzy, sick or short of breath, roll onto your left side and rest.",
            ],
            Targets: "Strengthens the buttocks and lower back to support the spine in pregnancy.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 15, HoldMaxSeconds = 30 },
            Cautions: CautionTags.LyingOnBack,
            VariantNote: "For pregnancy"),

        new(
            Slug: "side-lying-leg-lifts",
            Name: "Side-Lying Leg Lifts",
            Group: ExerciseGroup.Pregnancy,
            Position: StartingPosition.SideLying,
            Equipment: Equipment.None,
            Steps:
            [
                "Lie on one side, legs straight and stacked, head resting on your lower arm.",
                "Put a pillow under your belly if that feels more comfortable.",
                "Keep the top leg straight and lined up with your body as you lift it slowly toward the ceiling, only as high as is comfortable.",
                "Hold briefly, then lower it slowly.",
                "When you have done all the lifts, turn over and work the other leg.",
            ],
            Targets: "Strengthens the muscles on the outside of the hip and the buttocks.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5, Sides = SideMode.EachSide },
            Cautions: CautionTags.None),

        // ───────────────────────────── Sciatica ─────────────────────────────
        new(
            Slug: "sciatic-nerve-glide",
            Name: "Sciatic Nerve Glide",
            Group: ExerciseGroup.Sciatica,
            Position: StartingPosition.Sitting,
            Equipment: Equipment.Chair,
            // The article calls it a glide but describes a tensioner: knee straight, foot pulled up, leaning forward
            // from the hips and holding at the end of the stretch. That pulls the nerve from both ends and can flare an
            // irritated nerve. A glide (slider) puts slack at one end while the other end is tensioned: we look up while
            // the knee straightens and the foot pulls up, then tuck the chin as the knee bends. Affected leg only.
            Steps:
            [
                "Sit tall near the front of a chair with both feet flat on the floor.",
                "Slowly straighten the knee of your painful leg and pull your toes up toward you.",
                "At the same time, tip your head back gently to look up.",
                "Pause for a moment; you should feel only a mild pull, never sharp pain or tingling.",
                "Bend the knee back down, point your toes and bring your chin down, then repeat smoothly.",
            ],
            Targets: "Helps the sciatic nerve slide freely to ease pain in the back and leg.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.None),

        new(
            Slug: "knee-to-shoulder-stretch",
            Name: "Knee-to-Shoulder Stretch",
            Group: ExerciseGroup.Sciatica,
            Position: StartingPosition.LyingOnBack,
            Equipment: Equipment.None,
            // The article only says "towards your shoulder". This stretch brings the knee across the body toward the
            // OPPOSITE shoulder; that is what stretches the piriformis and buttock. The article starts with the
            // affected leg, then does the other side: each side.
            Steps:
            [
                "Lie on your back with both legs straight.",
                "Bend the knee on your painful side and hold that leg with both hands, either behind the knee or beneath the thigh.",
                "Gently pull the knee up and across your body toward the opposite shoulder.",
                "Stop when you feel a stretch in your buttock and lower back.",
                "Hold, lower the leg slowly, then do the same with the other leg.",
            ],
            Targets: "Stretches the buttock muscles that can press on the sciatic nerve.",
            Dosage: new Dosage { HoldMinSeconds = 30, HoldMaxSeconds = 60, Sides = SideMode.EachSide },
            Cautions: CautionTags.LyingOnBack),

        new(
            Slug: "standing-piriformis-stretch",
            Name: "Standing Piriformis Stretch",
            Group: ExerciseGroup.Sciatica,
            Position: StartingPosition.Standing,
            // One leg carries the body in a part squat: the chair (or a counter) to hold is part of the exercise for
            // our patients, hence Equipment.Chair. Balance for the one leg, KneeLoading for the bent standing knee.
            Equipment: Equipment.Chair,
            Steps:
            [
                "Stand tall beside a kitchen counter or sturdy chair and hold it with one hand.",
                "Lift the leg on your painful side and rest that ankle just above the opposite knee.",
                "Bend your standing knee and push your hips back, as if sitting down, until you feel a stretch in the buttock of the crossed leg.",
                "Rest your free hand on the crossed knee and relax into the stretch.",
                "Hold, stand up slowly, then change legs.",
            ],
            Targets: "Stretches the piriformis muscle in the buttock, which can press on the sciatic nerve when tight.",
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30, Sides = SideMode.EachSide },
            Cautions: CautionTags.Balance | CautionTags.KneeLoading),

        new(
            Slug: "prone-press-ups",
            Name: "Prone Press-Ups",
            Group: ExerciseGroup.Sciatica,
            Position: StartingPosition.LyingFaceDown,
            Equipment: Equipment.None,
            // The article leaves out that the hips stay down and the lower back stays relaxed (the arms do the work),
            // and when to stop: pain spreading further down the leg is a sign to stop.
            Steps:
            [
                "Lie on your stomach, palms down on the floor just beside your shoulders.",
                "Keep your hips and legs relaxed on the floor.",
                "Slowly straighten your arms to raise your chest, letting your lower back sag.",
                "Hold briefly, then lower yourself slowly back down.",
                "Stop and tell your clinician if the pain spreads further down your leg.",
            ],
            Targets: "Bends the lower back backward to ease pressure on the sciatic nerve.",
            Dosage: new Dosage { RepsMin = 10, HoldMinSeconds = 3, HoldMaxSeconds = 5 },
            Cautions: CautionTags.LyingFaceDown | CautionTags.SpinalExtension | CautionTags.WristLoading),

        // ───────────────────────────── Scoliosis ─────────────────────────────
        // "Core Stability Exercises" of this group only names plank, pelvic tilts and bird dog: it is not an exercise
        // but the "core-stability" template below.
        new(
            Slug: "seated-side-bend",
            Name: "Seated Side Bend",
            Group: ExerciseGroup.Scoliosis,
            Position: StartingPosition.Sitting,
            Equipment: Equipment.Chair,
            // The article does both sides. With a curve, a clinician may prescribe one side only; they can change
            // the sides in the dosage.
            Steps:
            [
                "Sit up tall on a chair, both feet on the floor.",
                "Let your left hand rest against the side of your left thigh, then lift your right arm up over your head.",
                "Lean over to the left, sliding your left hand down, until you feel a stretch along your right side.",
                "Keep both buttocks on the seat and do not tip forward.",
                "Hold, sit back up, then do the same toward the other side.",
            ],
            Targets: "Lengthens the muscles along the side of the trunk and spine.",
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30, Sides = SideMode.EachSide },
            Cautions: CautionTags.None),

        new(
            Slug: "foam-rolling",
            Name: "Foam Rolling",
            Group: ExerciseGroup.Scoliosis,
            Position: StartingPosition.LyingOnBack,
            Equipment: Equipment.FoamRoller,
            // The article rolls the upper back and says "different areas of your back"; we keep the roller off the
            // lower back and neck, which are not rolled.
            Steps:
            [
                "Sit on the floor with the foam roller behind you, then lie back so it rests across your upper back.",
                "Bend your knees with your feet flat, and cross your arms over your chest or support your head with your hands.",
                "Lift your hips a little and use your legs to roll slowly between your mid back and the top of your shoulder blades.",
                "To reach other spots, lean a little to one side and roll there, then to the other side.",
                "Keep the roller off your lower back and neck, and ease off if anything hurts.",
            ],
            Targets: "Loosens tight muscles in the upper and middle back.",
            // The article gives no numbers. Our default, not the article's: 10–15 slow rolls up and back
            // (one roll up and back counts as one repetition), about one to two minutes.
            Dosage: new Dosage { RepsMin = 10, RepsMax = 15 },
            Cautions: CautionTags.LyingOnBack),

        new(
            Slug: "side-plank",
            Name: "Side Plank",
            Group: ExerciseGroup.Scoliosis,
            Position: StartingPosition.SideLying,
            Equipment: Equipment.None,
            Steps:
            [
                "Lie on one side, legs straight and stacked, propped on your forearm with the elbow right under your shoulder.",
                "Tighten your stomach.",
                "Lift your hips so your body makes a straight line from head to feet.",
                "Hold, then lower your hips gently.",
                "Turn over and do the other side.",
                "For an easier version, keep your knees bent and lift from your knees instead of your feet.",
            ],
            Targets: "Strengthens the muscles along the sides of the trunk and spine.",
            Dosage: new Dosage { HoldMinSeconds = 15, HoldMaxSeconds = 30, Sides = SideMode.EachSide },
            Cautions: CautionTags.None),
    ];

    private const DaysOfWeek MonWedFri = DaysOfWeek.Monday | DaysOfWeek.Wednesday | DaysOfWeek.Friday;

    private const DaysOfWeek Workdays =
        DaysOfWeek.Monday | DaysOfWeek.Tuesday | DaysOfWeek.Wednesday | DaysOfWeek.Thursday | DaysOfWeek.Friday;

    /// <summary>
    /// One template per article group, in the article's order, then "core-stability" from the article's
    /// "Core Stability Exercises" entry. A null item dosage means the exercise's own default dosage.
    /// Gentle stretching routines default to every day; strengthening routines to Monday, Wednesday and Friday.
    /// </summary>
    public static IReadOnlyList<TemplateSeed> Templates { get; } =
    [
        new(
            Slug: "upper-back",
            Name: "Upper back pain routine",
            Condition: ExerciseGroup.UpperBack,
            Description: "Gentle stretches and movements for a stiff, aching upper back and shoulders, done standing or sitting.",
            Days: DaysOfWeek.Every,
            SessionsPerDay: 1,
            Weeks: 4,
            Items: Items("upper-back-stretch", "shoulder-rolls", "chest-opener", "seated-twist")),

        new(
            Slug: "lower-back",
            Name: "Lower back pain routine",
            Condition: ExerciseGroup.LowerBack,
            Description: "Easy mobility and strengthening on the floor to loosen and support the lower back.",
            Days: DaysOfWeek.Every,
            SessionsPerDay: 1,
            Weeks: 4,
            Items: Items("cat-camel-stretch", "knee-to-chest-stretch", "pelvic-tilts", "bridge-pose")),

        new(
            Slug: "core",
            Name: "Core strengthening for back pain",
            Condition: ExerciseGroup.Core,
            Description: "Builds the stomach and back muscles that hold the spine steady; rest a day between sessions.",
            Days: MonWedFri,
            SessionsPerDay: 1,
            Weeks: 6,
            Items: Items("plank", "bird-dog", "superman", "dead-bug")),

        new(
            Slug: "flexibility",
            Name: "Flexibility routine for back pain",
            Condition: ExerciseGroup.Flexibility,
            Description: "Longer, relaxed stretches for the back, hips and the backs of the thighs.",
            Days: DaysOfWeek.Every,
            SessionsPerDay: 1,
            Weeks: 4,
            Items: Items("childs-pose", "pigeon-pose", "forward-fold", "standing-hamstring-stretch")),

        new(
            Slug: "posture",
            Name: "Posture routine",
            Condition: ExerciseGroup.Posture,
            Description: "Short daily exercises for the upper back and neck to help you sit and stand up straight.",
            Days: DaysOfWeek.Every,
            SessionsPerDay: 1,
            Weeks: 6,
            Items: Items("wall-angels", "scapular-squeeze", "upper-back-extension", "neck-retraction")),

        new(
            Slug: "hips",
            Name: "Hip loosening routine",
            Condition: ExerciseGroup.Hips,
            Description: "Stretches and lunges for tight hips, which often add to lower back pain.",
            Days: DaysOfWeek.Every,
            SessionsPerDay: 1,
            Weeks: 4,
            Items: Items("hip-flexor-stretch", "piriformis-stretch", "seated-figure-four-stretch", "lunges")),

        new(
            Slug: "at-work",
            Name: "Back care at work",
            Condition: ExerciseGroup.AtWork,
            Description: "Quick stretches to do at your desk or beside it, to break up long spells of sitting.",
            Days: Workdays,
            SessionsPerDay: 2,
            Weeks: 4,
            Items: Items("seated-spinal-twist", "chair-cat-camel-stretch", "desk-shoulder-stretch", "standing-hamstring-stretch-desk")),

        new(
            Slug: "pregnancy",
            Name: "Pregnancy back care",
            Condition: ExerciseGroup.Pregnancy,
            Description: "Gentle exercises to ease back ache during pregnancy. Check with your midwife, doctor or physiotherapist first.",
            Days: DaysOfWeek.Every,
            SessionsPerDay: 1,
            Weeks: 6,
            Items:
            [
                new("pregnancy-cat-camel-stretch"),
                new("prenatal-pelvic-tilts"),
                new("pregnancy-bridge-pose", Note: "After the first trimester, avoid lying flat on your back: ask your clinician for another option."),
                new("side-lying-leg-lifts"),
            ]),

        new(
            Slug: "sciatica",
            Name: "Sciatica relief",
            Condition: ExerciseGroup.Sciatica,
            Description: "Gentle nerve and buttock exercises for pain that runs from the back down the leg.",
            Days: DaysOfWeek.Every,
            SessionsPerDay: 1,
            Weeks: 4,
            Items: Items("sciatic-nerve-glide", "knee-to-shoulder-stretch", "standing-piriformis-stretch", "prone-press-ups")),

        // The article lists "Core Stability Exercises" (plank, pelvic tilts, bird dog) between the side bend and
        // foam rolling as part of the scoliosis advice, so the full routine keeps them, in the article's order.
        // The "core-stability" template below holds the core part on its own.
        new(
            Slug: "scoliosis",
            Name: "Scoliosis routine",
            Condition: ExerciseGroup.Scoliosis,
            Description: "Stretching, core strengthening and foam rolling to ease back pain with scoliosis. Best tailored by a physiotherapist to your curve.",
            Days: MonWedFri,
            SessionsPerDay: 1,
            Weeks: 6,
            Items: Items("seated-side-bend", "plank", "pelvic-tilts", "bird-dog", "foam-rolling", "side-plank")),

        new(
            Slug: "core-stability",
            Name: "Core stability (scoliosis)",
            Condition: ExerciseGroup.Scoliosis,
            Description: "Three core exercises that strengthen the muscles supporting the spine with scoliosis. Best tailored by a physiotherapist to your needs.",
            Days: MonWedFri,
            SessionsPerDay: 1,
            Weeks: 6,
            Items: Items("plank", "pelvic-tilts", "bird-dog")),
    ];

    private static readonly Dictionary<string, ExerciseSeed> BySlugIndex =
        Exercises.ToDictionary(e => e.Slug, StringComparer.Ordinal);

    /// <summary>The library exercise with this slug; throws <see cref="KeyNotFoundException"/> when there is none.</summary>
    public static ExerciseSeed BySlug(string slug) =>
        BySlugIndex.TryGetValue(slug, out var exercise)
            ? exercise
            : throw new KeyNotFoundException($"The exercise library has no exercise '{slug}'.");

    private static TemplateItemSeed[] Items(params string[] slugs) => [.. slugs.Select(s => new TemplateItemSeed(s))];
}
