using PhysioPortal.Core.Media;

namespace PhysioPortal.Tests.Media;

/// <summary>The photo pipeline on its own (no host): every ordinary photo is read, whatever its EXIF orientation says.</summary>
public class PhotoProcessorTests
{
    [Theory]
    [InlineData(900, 700, 1)] // upright already: read twice from a sequential decode, it failed as "damaged" before
    [InlineData(900, 700, 6)]
    [InlineData(2400, 1800, 1)]
    public void An_ordinary_phone_photo_is_processed_at_both_sizes_without_metadata(int width, int height, ushort orientation)
    {
        var photo = new PhotoProcessor().Process(PhoneJpeg.Create(width, height, orientation));
        var (w, h) = orientation == 6 ? (height, width) : (width, height);
        Assert.Equal(w >= h, photo.WebWidth >= photo.WebHeight);
        Assert.True(Math.Max(photo.PrintWidth, photo.PrintHeight) <= PhotoProcessor.PrintSize);
        Assert.True(Math.Max(photo.WebWidth, photo.WebHeight) <= PhotoProcessor.WebSize);
        PhoneJpeg.AssertNoMetadata(photo.Web);
        PhoneJpeg.AssertNoMetadata(photo.Print);
    }

    [Fact]
    public void A_png_without_any_exif_is_processed()
    {
        using var image = NetVips.Image.Black(640, 480, bands: 3) + 90;
        var png = image.Cast(NetVips.Enums.BandFormat.Uchar).PngsaveBuffer();
        var photo = new PhotoProcessor().Process(png);
        Assert.Equal((640, 480), (photo.WebWidth, photo.WebHeight));
    }
}
