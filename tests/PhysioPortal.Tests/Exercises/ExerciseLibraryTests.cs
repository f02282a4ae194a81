using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PhysioPortal.Core.Exercises;

namespace PhysioPortal.Tests.Exercises;

/// <summary>Pure unit tests of the built-in exercise library seed: no host, no database.</summary>
public sealed partial class ExerciseLibraryTests
{
    private static IReadOnlyList<ExerciseSeed> Exercises => ExerciseLibrary.Exercises;
    private static IReadOnlyList<TemplateSeed> Templates => ExerciseLibrary.Templates;

    [Fact]
    public void The_library_has_39_exercises()
    {
        Assert.Equal(39, Exercises.Count);
    }

    [Fact]
    public void Every_group_has_four_exercises_except_scoliosis_with_three()
    {
        foreach (var group in Enum.GetValues<ExerciseGroup>())
        {
            var expected = group == ExerciseGroup.Scoliosis ? 3 : 4;
            Assert.True(expected == Exercises.Count(e => e.Group == group), $"{group} should have {expected} exercises.");
        }
    }

    [Fact]
    public void Exercises_come_in_the_articles_group_order()
    {
        var groups = Exercises.Select(e => (int)e.Group).ToList();
        Assert.Equal(groups.Order(), groups);
    }

    [Fact]
    public void Slugs_are_unique_and_well_formed()
    {
        var slugs = Exercises.Select(e => e.Slug).Concat(Templates.Select(t => t.Slug)).ToList();
        Assert.Equal(Exercises.Count, Exercises.Select(e => e.Slug).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Templates.Count, Templates.Select(t => t.Slug).Distinct(StringComparer.Ordinal).Count());
        Assert.All(slugs, s => Assert.Matches(SlugPattern(), s));
    }

    [Fact]
    public void Every_exercise_has_three_to_six_non_empty_steps_and_the_other_texts()
    {
        Assert.All(Exercises, e =>
        {
            Assert.InRange(e.Steps.Length, 3, 6);
            Assert.All(e.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s), $"{e.Slug} has an empty step."));
            // The UI numbers the steps: the strings must not.
            Assert.All(e.Steps, s => Assert.DoesNotMatch(LeadingNumber(), s));
            Assert.False(string.IsNullOrWhiteSpace(e.Name));
            Assert.False(string.IsNullOrWhiteSpace(e.Targets));
        });
    }

    [Fact]
    public void Every_dosage_is_valid()
    {
        Assert.All(Exercises, e => Assert.True(e.Dosage.IsValid, $"{e.Slug}: {string.Join(" ", e.Dosage.Validate().Select(p => p.Message))}"));
        Assert.All(Templates.SelectMany(t => t.Items).Where(i => i.Dosage is not null), i => Assert.True(i.Dosage!.IsValid, i.ExerciseSlug));
    }

    [Fact]
    public void Both_standing_hamstring_stretches_exist_and_differ()
    {
        var floor = ExerciseLibrary.BySlug("standing-hamstring-stretch");
        var desk = ExerciseLibrary.BySlug("standing-hamstring-stretch-desk");
        Assert.Equal("Standing Hamstring Stretch", floor.Name);
        Assert.Equal("Standing Hamstring Stretch", desk.Name);
        Assert.Equal(ExerciseGroup.Flexibility, floor.Group);
        Assert.Equal(ExerciseGroup.AtWork, desk.Group);
        Assert.False(string.IsNullOrWhiteSpace(floor.VariantNote));
        Assert.False(string.IsNullOrWhiteSpace(desk.VariantNote));
        Assert.NotEqual(floor.VariantNote, desk.VariantNote);
        Assert.NotEqual(floor.Steps, desk.Steps);
        Assert.Equal(2, Exercises.Count(e => e.Name == "Standing Hamstring Stretch"));
    }

    [Theory]
    [InlineData("Plank", ExerciseGroup.Core)]
    [InlineData("Superman", ExerciseGroup.Core)]
    [InlineData("Lunges", ExerciseGroup.Hips)]
    public void Entries_that_lost_their_heading_are_still_exercises(string name, ExerciseGroup group)
    {
        var exercise = Assert.Single(Exercises, e => e.Name == name);
        Assert.Equal(group, exercise.Group);
    }

    [Fact]
    public void Both_seated_twists_are_kept_each_in_its_group()
    {
        Assert.Equal(ExerciseGroup.UpperBack, ExerciseLibrary.BySlug("seated-twist").Group);
        Assert.Equal(ExerciseGroup.AtWork, ExerciseLibrary.BySlug("seated-spinal-twist").Group);
    }

    [Fact]
    public void Core_stability_exercises_is_a_template_not_an_exercise()
    {
        Assert.DoesNotContain(Exercises, e => e.Name.Contains("Core Stability", StringComparison.OrdinalIgnoreCase)
                                              || e.Slug.Contains("core-stability", StringComparison.Ordinal));
        var template = Assert.Single(Templates, t => t.Slug == "core-stability");
        Assert.Equal(ExerciseGroup.Scoliosis, template.Condition);
        Assert.Equal(["plank", "pelvic-tilts", "bird-dog"], template.Items.Select(i => i.ExerciseSlug));
    }

    [Fact]
    public void Template_items_name_existing_exercises()
    {
        Assert.All(Templates, t =>
        {
            Assert.NotEmpty(t.Items);
            Assert.All(t.Items, i => Assert.Equal(i.ExerciseSlug, ExerciseLibrary.BySlug(i.ExerciseSlug).Slug));
            Assert.InRange(t.SessionsPerDay, 1, 6);
            Assert.InRange(t.Weeks, 1, 52);
            Assert.NotEqual(DaysOfWeek.None, t.Days);
            Assert.False(string.IsNullOrWhiteSpace(t.Name));
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
        });
    }

    [Fact]
    public void Every_group_has_a_template_with_its_exercises_in_order()
    {
        Assert.Equal(11, Templates.Count);
        foreach (var group in Enum.GetValues<ExerciseGroup>())
        {
            var groupSlugs = Exercises.Where(e => e.Group == group).Select(e => e.Slug).ToList();
            var template = Templates.FirstOrDefault(t => t.Condition == group);
            Assert.True(template is not null, $"No template for {group}.");
            // The group's exercises appear in the template in the article's order (other items may sit between).
            var inTemplate = template.Items.Select(i => i.ExerciseSlug).Where(groupSlugs.Contains).ToList();
            Assert.Equal(groupSlugs, inTemplate);
        }
    }

    [Fact]
    public void BySlug_finds_an_exercise_and_rejects_an_unknown_slug()
    {
        Assert.Equal("Child’s Pose", ExerciseLibrary.BySlug("childs-pose").Name);
        Assert.Throws<KeyNotFoundException>(() => ExerciseLibrary.BySlug("no-such-exercise"));
    }

    [Fact]
    public void Cautions_agree_with_the_starting_position()
    {
        // The pregnancy rules read these tags: a face-down or on-the-back exercise must say so.
        Assert.All(Exercises.Where(e => e.Position == StartingPosition.LyingFaceDown),
            e => Assert.True(e.Cautions.HasFlag(CautionTags.LyingFaceDown), e.Slug));
        Assert.All(Exercises.Where(e => e.Position == StartingPosition.LyingOnBack),
            e => Assert.True(e.Cautions.HasFlag(CautionTags.LyingOnBack), e.Slug));
        Assert.All(Exercises.Where(e => e.Position == StartingPosition.AllFours),
            e => Assert.True(e.Cautions.HasFlag(CautionTags.KneeLoading | CautionTags.WristLoading), e.Slug));
        Assert.All(Exercises.Where(e => e.Cautions.HasFlag(CautionTags.LyingFaceDown)),
            e => Assert.False(e.Cautions.HasFlag(CautionTags.LyingOnBack), e.Slug));
    }

    // ───────────── No sentence of the article is copied into our texts ─────────────
    //
    // The article is split into sentences (and lines); each sentence of 6 or more words is normalised (lower case,
    // words only, single spaces). No step, targets line or variant note may contain one. The article is not part of
    // the repository, so the test carries the SHA-256 prefixes of those normalised sentences and compares every run of
    // 6+ consecutive words of our texts against them; when the article is at hand, the same check also runs on its
    // text directly and the stored prefixes are checked against it.

    // Where the article is, when it is at hand: PHYSIOPORTAL_SEED_ARTICLE=/path/to/back-pain-exercises.txt.
    private static string? ArticleText()
    {
        var path = Environment.GetEnvironmentVariable("PHYSIOPORTAL_SEED_ARTICLE");
        return path is not null && File.Exists(path) ? File.ReadAllText(path) : null;
    }

    private static IEnumerable<(string Slug, string Text)> OurTexts() =>
        Exercises.SelectMany(e => e.Steps.Select(s => (e.Slug, s))
            .Append((e.Slug, e.Targets))
            .Concat(e.VariantNote is null ? [] : [(e.Slug, e.VariantNote)]));

    private static string[] Words(string text) =>
        [.. WordPattern().Matches(text.ToLowerInvariant().Replace('’', '\'').Replace('‘', '\'')).Select(m => m.Value)];

    private static IEnumerable<string> ArticleSentences(string article) =>
        article.Split('\n')
            .SelectMany(line => SentenceBreak().Split(line))
            .Select(Words)
            .Where(w => w.Length >= 6)
            .Select(w => string.Join(' ', w));

    private static string ShortHash(string normalised) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)))[..16];

    [Fact]
    public void No_text_copies_a_sentence_of_the_article()
    {
        var known = ArticleSentenceHashes.ToHashSet(StringComparer.Ordinal);
        Assert.All(OurTexts(), t =>
        {
            var words = Words(t.Text);
            for (var start = 0; start < words.Length; start++)
            {
                for (var end = start + 6; end <= words.Length; end++)
                {
                    var run = string.Join(' ', words[start..end]);
                    Assert.False(known.Contains(ShortHash(run)), $"{t.Slug}: \"{t.Text}\" copies an article sentence (\"{run}\").");
                }
            }
        });
    }

    [Fact]
    public void No_text_copies_a_sentence_of_the_article_checked_on_the_article_itself()
    {
        var article = ArticleText();
        if (article is null) return; // Not in this checkout: the hash-based test above covers it.
        var sentences = ArticleSentences(article).Distinct().ToList();
        Assert.All(OurTexts(), t =>
        {
            var text = " " + string.Join(' ', Words(t.Text)) + " ";
            var raw = t.Text.ToLowerInvariant();
            foreach (var sentence in sentences)
            {
                Assert.DoesNotContain(" " + sentence + " ", text, StringComparison.Ordinal);
            }
            // And the plain, case-insensitive form of the same check, on the raw sentences.
            foreach (var sentence in article.Split('\n').SelectMany(l => SentenceBreak().Split(l)).Where(s => Words(s).Length >= 6))
            {
                Assert.DoesNotContain(sentence.Trim().ToLowerInvariant(), raw, StringComparison.Ordinal);
            }
        });
    }

    [Fact]
    public void The_stored_sentence_hashes_match_the_article()
    {
        var article = ArticleText();
        if (article is null) return; // Not in this checkout: nothing to compare with.
        var fromArticle = ArticleSentences(article).Select(ShortHash).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(fromArticle.Order(StringComparer.Ordinal), ArticleSentenceHashes.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^\s*\d+\s*[.)]")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();

    /// <summary>First 16 hex digits of SHA-256 of each normalised article sentence of 6+ words.</summary>
    private static readonly string[] ArticleSentenceHashes =
    [
        "010e4630a7d8bab1", "019b6291d6de14b5", "0393ca76ca99fd72", "041414ea58483d58", "0435910a60bc374d",
        "04d8439db20382a8", "0636c86da9b2ddfb", "0953b131a1a8b966", "099f903947be5e26", "0a38fe4cf1f50d3f",
        "0ab8bc4551402737", "0c34bc07c1b5116e", "0d2a29dd02eaeaf1", "0fb1c31d3e12d647", "104138d950188c9a",
        "1130b4f8cbaf109f", "13ac67d2f47922e2", "16b396e8d14785af", "16f788a953a7b974", "16fdd86f4c4294c9",
        "1800d0c816c87442", "188ab8d1cbebc050", "18d1eba9c67f6df2", "18d5246a7d986781", "19bda7c95f2f635d",
        "19e4730f96919549", "1a3a52a1de021876", "1b547a447720ab4d", "1bffe364aa2817b2", "1d8aa41b6e998f60",
        "1f8e4e0d860b5b53", "20caf23f3df82d67", "21b5483e0349f696", "2240e68d0b7afc6a", "22fa90f5db370af6",
        "230f086aeeb96496", "237619017a266934", "251649565f36d2c7", "26ffd8d4111c2290", "286097fa1419a19b",
        "28dbe2fff1db200c", "2903c81085e7470d", "2a5c74028f9fae52", "2ac75d73a83ed491", "2c442b700322da6f",
        "2d748226cb6b870f", "2da5f27360e3a120", "2f293293f7fb4e31", "300b095080018859", "30570b1e73d38e81",
        "306d769fb3b808f4", "308d3df7605ada6a", "31688400f93071c2", "359f34542e770bcb", "37877608d38977b5",
        "398f967e37995028", "39c743090cd2d356", "3a782a0071e5b7a8", "3e3caf7067a3244e", "3e7670a5c1574d4a",
        "4096037ec8d3fe03", "4263c97dba312bb5", "43df1a8fbf71b114", "4498249bef0d0500", "479a587906213df3",
        "4858223f2d453687", "4a6e1c63533f1157", "4b9e90cce9f4e9c8", "4c4463e809a1026b", "4e0ca9aad3816e67",
        "4eef70ef6113cdc2", "4ef48831324d75e3", "4f1d27c13ecb61f4", "4fbf1ef9134e3c0c", "51a22b18b8eb0415",
        "5312f67212f813a1", "53cc343b6a004fab", "542ac709f828c39f", "544ac5a1cf98af85", "565c1b0519b23333",
        "56fb0eb89f6bd482", "573451be793de087", "5987a89f699840a2", "59a9d6d4b764e803", "5a728bd76ec56749",
        "5a86179783df9abf", "5af2d0e3309e5eb8", "5b351b3d6ad356ac", "5c8ef352bf33bbde", "5d45d400245d570c",
        "60d7c7eed24e7f51", "617f8395640a8e6b", "619bf24086f8a19e", "639d06545e9f23cf", "651d8897253f7b03",
        "65797098054240e9", "664d964aaaaa9c8d", "66e4a535e88885be", "67534e5bea4f3611", "684c8c29c3749513",
        "68714c8ceee05007", "68e35b1ae4aa0ac0", "6ac1a3c5d8b5179a", "6adb073f71074e8d", "6bb30c1a6aa04eb0",
        "6e58dfda9f9c2b1a", "702cce8fdb619719", "7243a30b912566d8", "73a3e72911c97e9d", "74207ab5ba7fd2e0",
        "7509533727a6251c", "759f44296656a988", "75b91d1196244385", "76032a8a0ebbae4a", "764863a07130b16c",
        "76a1050e5f60eef3", "7739d1cc74d2b459", "781ac41ad83b4426", "7aa6bf228a647e6d", "7ba8a8f11ccf4acd",
        "7bc8df6eaac59d66", "7be811de6f65f869", "7c378d0eff5f2544", "7d70e610bb1a0bbd", "7e936a777719a8e9",
        "7ea42045b0b12a93", "81daf66c5faba648", "81fc0658a82939fc", "825feba2bfbae7ca", "83b991dd13378bd4",
        "8686cc6de2b5c62c", "868abf6e2c0c1d5e", "86a05ce5e72427b2", "871d04e04300c116", "882d727820ad42b1",
        "8ac7fe4fcad6bcee", "8e11fd4518c22167", "8e549fea3f4813d9", "946a13dfe577d858", "99cd568203472e5f",
        "9a2a27f9e1088701", "9b1aed5094c0fc69", "9b452b25d517cca5", "9b90cc4213a9ec3a", "9e829871cb817934",
        "a240cf8e0110ea79", "a29fbe8c36571f5a", "a2d04ab435106306", "a36fc2552197b165", "a548d16cbf9f21b9",
        "a5a71d180c47e5c4", "a8ba82b16d08b6dc", "a92d32ae80e3c651", "abf406eaa28ddacc", "acb70c96a80f7523",
        "ada458c9a110dec5", "ae4517d26f0071e6", "b098cbce5248574d", "b1681cf4f47d2373", "b2c2dee348004354",
        "b3340711e8f9f0a6", "b617c4fdd6885e75", "b7f51924b5264292", "b8cf823d3a06ded9", "b96ffb7ff7b52f78",
        "b9a25736078c5000", "ba8ae1d9a168549c", "bb9ddd943ae44dfe", "bbe1dc5ecb862d2b", "bc55701a86e2ab04",
        "bdd0ce71abef49a2", "bfbb0f6a41e8a2ca", "c24f4a41686eb6d2", "c2acec28d5980a6f", "c39047ac0a149056",
        "c40324a15b21c159", "c49a92f4be8498ab", "c6800d2713ca4f98", "c721a49430a743fb", "c8f34f2439f09411",
        "c9da2f94ec051336", "cb113a38d835dfc9", "cd0745f94a953021", "ce68a2aa10bb11fd", "cf16d5766f1560c3",
        "d1fc568680496587", "d58f9f966fa7531b", "d8133cc03b421f97", "d9b437bcc629e2ca", "da01d9a192539579",
        "da6734a8c797dd1c", "dab5f897e7257c1c", "dbb940424030cebf", "dbd189ef25def380", "de57425deae4b7dd",
        "de99751221f2ebe1", "e07bcf5dffd01374", "e23763c3d267b6c2", "e2ddcdd5ef5fb8f9", "e362b33ab1fc5bf7",
        "e36eac9d6147ef58", "e7cbbdf485c25d93", "ea7ab8a25db25c5f", "ee4b570a26c0f611", "ee6bfd7c353623fe",
        "eee5d2a19d8699db", "f3c59ab8c1a1f01b", "f46c552bffdb2eaf", "f5b5077d5a4fa804", "f632eb7009abb6df",
        "f64a575fa03ce935", "f6c4ecfe9be1dd21", "f76933aa213660bc", "f86c10c96020d8db", "f88f4bb2bb51f4cb",
        "f8abbdb3d2c01fb1", "f912a94d2a815cbf", "fa81bbb2c7792759", "fc0168b083cc5643", "fe2c30452e9efabf",
        "fe9ea7271b0aa0f3", "ff927e6daef689da",
    ];
}
