namespace PhysioPortal.Core.Illustrations;

/// <summary>A point or direction in the figure's world, in units of the figure's standing height H.</summary>
/// <remarks>x points where a standing figure faces (to the right of a side view), y up, z toward the viewer of a
/// side view (the figure's left side).</remarks>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static readonly Vec3 Zero = new(0, 0, 0);

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vec3 operator *(Vec3 a, double k) => new(a.X * k, a.Y * k, a.Z * k);

    public double Length => Math.Sqrt(X * X + Y * Y + Z * Z);
}

/// <summary>A point of a drawing: x to the right, y down (as on a page and in SVG), in units of H.</summary>
public readonly record struct Point2(double X, double Y)
{
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Point2 operator *(Point2 a, double k) => new(a.X * k, a.Y * k);

    public double Length => Math.Sqrt(X * X + Y * Y);

    public Point2 Normal => Length < 1e-9 ? new Point2(0, 0) : new Point2(-Y / Length, X / Length);
}

/// <summary>A rotation as a 3×3 matrix whose columns are the rotated x, y and z axes.</summary>
public readonly record struct Rotation(Vec3 XAxis, Vec3 YAxis, Vec3 ZAxis)
{
    public static readonly Rotation Identity = new(new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));

    /// <summary>A vector given in this frame, in the parent's coordinates.</summary>
    public Vec3 Apply(Vec3 v) => XAxis * v.X + YAxis * v.Y + ZAxis * v.Z;

    public Rotation Then(Rotation local) => new(Apply(local.XAxis), Apply(local.YAxis), Apply(local.ZAxis));

    /// <summary>About the z axis (the side view's line of sight): positive turns x toward y.</summary>
    public static Rotation AboutZ(double degrees)
    {
        var (s, c) = Math.SinCos(degrees * Math.PI / 180);
        return new(new Vec3(c, s, 0), new Vec3(-s, c, 0), new Vec3(0, 0, 1));
    }

    /// <summary>About the x axis: positive turns y toward z.</summary>
    public static Rotation AboutX(double degrees)
    {
        var (s, c) = Math.SinCos(degrees * Math.PI / 180);
        return new(new Vec3(1, 0, 0), new Vec3(0, c, s), new Vec3(0, -s, c));
    }

    /// <summary>About the y axis: positive turns z toward x.</summary>
    public static Rotation AboutY(double degrees)
    {
        var (s, c) = Math.SinCos(degrees * Math.PI / 180);
        return new(new Vec3(c, 0, -s), new Vec3(0, 1, 0), new Vec3(s, 0, c));
    }
}
