using PhysioPortal.Core.Alerts;

namespace PhysioPortal.Tests.Alerts;

public class WarningSignsTests
{
    [Theory]
    [InlineData("felt dizzy lying on my back", "dizziness or fainting", "dizzy")]
    [InlineData("Dizziness after the bridge", "dizziness or fainting", "Dizziness")]
    [InlineData("I nearly fainted", "dizziness or fainting", "fainted")]
    [InlineData("went light-headed", "dizziness or fainting", "light-headed")]
    [InlineData("I passed out for a second", "dizziness or fainting", "passed out")]
    [InlineData("I fell on the stairs", "a fall", "fell")]
    [InlineData("had a fall yesterday", "a fall", "fall")]
    [InlineData("tripped over the mat", "a fall", "tripped")]
    [InlineData("some chest pain on the last set", "chest pain", "chest pain")]
    [InlineData("tightness in my chest", "chest pain", "tightness in my chest")]
    [InlineData("my left calf is swollen", "calf pain or swelling", "calf is swollen")]
    [InlineData("sore calves", "calf pain or swelling", "sore calves")]
    [InlineData("numbness down my left leg", "numbness or weakness in a leg", "numbness down my left leg")]
    [InlineData("my leg gave way", "numbness or weakness in a leg", "leg gave way")]
    [InlineData("pins and needles in both feet", "numbness or weakness in a leg", "pins and needles in both feet")]
    [InlineData("numb around my groin", "numbness in the saddle area", "numb around my groin")]
    [InlineData("trouble with my bladder since Tuesday", "bladder or bowel control", "bladder")]
    [InlineData("I wet myself", "bladder or bowel control", "wet myself")]
    [InlineData("some spotting this morning", "vaginal bleeding or fluid", "spotting")]
    [InlineData("my waters broke", "vaginal bleeding or fluid", "waters broke")]
    [InlineData("contractions every 10 minutes", "contractions", "contractions")]
    [InlineData("I have a fever", "fever", "fever")]
    [InlineData("running a high temperature", "fever", "high temperature")]
    public void Finds_the_sign_and_the_words(string note, string sign, string words)
    {
        var match = Assert.Single(WarningSigns.Find(note));
        Assert.Equal(sign, match.Sign);
        Assert.Equal(words, match.Text);
        Assert.Equal(words, note.Substring(match.Start, match.Length));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("Felt good, a bit stiff")]
    [InlineData("I fell asleep after the stretches")]
    [InlineData("I fall behind on weekends")]
    [InlineData("calf raises were easy")]
    [InlineData("my blood pressure is fine")]
    [InlineData("weak core but getting stronger")]
    [InlineData("the week went well")]
    [InlineData("knee felt fine")]
    public void Ordinary_notes_name_no_sign(string? note)
    {
        Assert.Empty(WarningSigns.Find(note));
    }

    [Fact]
    public void Several_signs_in_order_and_each_once()
    {
        var found = WarningSigns.Find("Dizzy again, then I fell. Still dizzy.");
        Assert.Equal(["Dizzy", "fell", "dizzy"], found.Select(m => m.Text));
        Assert.Equal(["dizziness or fainting", "a fall"], WarningSigns.SignsIn(found));
    }

    [Fact]
    public void Pieces_split_the_note_for_highlighting_without_losing_a_character()
    {
        const string note = "<b>felt dizzy</b> & sick";
        var pieces = WarningSigns.Pieces(note, WarningSigns.Find(note));
        Assert.Equal(note, string.Concat(pieces.Select(p => p.Text)));
        Assert.Equal(("dizzy", true), pieces.Single(p => p.Matched));
    }
}
