namespace IcuSync.Analytics.Power;

/// <summary>3 × 3 linear algebra for the Levenberg–Marquardt step.</summary>
internal static class SmallMatrix
{
    public static double Determinant3(double[,] m) =>
        (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])))
        - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0])))
        + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));

    /// <summary>Solves m·x = b by Gaussian elimination with partial pivoting; false when m is singular.</summary>
    public static bool Solve3(double[,] m, ReadOnlySpan<double> b, Span<double> x)
    {
        Span<double> a = stackalloc double[12];
        for (var r = 0; r < 3; r++)
        {
            a[(r * 4) + 0] = m[r, 0];
            a[(r * 4) + 1] = m[r, 1];
            a[(r * 4) + 2] = m[r, 2];
            a[(r * 4) + 3] = b[r];
        }

        for (var col = 0; col < 3; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < 3; r++)
            {
                if (Math.Abs(a[(r * 4) + col]) > Math.Abs(a[(pivot * 4) + col]))
                {
                    pivot = r;
                }
            }

            if (!(Math.Abs(a[(pivot * 4) + col]) > 0) || !double.IsFinite(a[(pivot * 4) + col]))
            {
                return false;
            }

            if (pivot != col)
            {
                for (var c = 0; c < 4; c++)
                {
                    (a[(col * 4) + c], a[(pivot * 4) + c]) = (a[(pivot * 4) + c], a[(col * 4) + c]);
                }
            }

            for (var r = col + 1; r < 3; r++)
            {
                var factor = a[(r * 4) + col] / a[(col * 4) + col];
                for (var c = col; c < 4; c++)
                {
                    a[(r * 4) + c] -= factor * a[(col * 4) + c];
                }
            }
        }

        for (var r = 2; r >= 0; r--)
        {
            var sum = a[(r * 4) + 3];
            for (var c = r + 1; c < 3; c++)
            {
                sum -= a[(r * 4) + c] * x[c];
            }

            x[r] = sum / a[(r * 4) + r];
        }

        return double.IsFinite(x[0]) && double.IsFinite(x[1]) && double.IsFinite(x[2]);
    }

    public static double[,]? Inverse3(double[,] m)
    {
        var inverse = new double[3, 3];
        Span<double> unit = stackalloc double[3];
        Span<double> column = stackalloc double[3];
        for (var c = 0; c < 3; c++)
        {
            unit.Clear();
            unit[c] = 1;
            if (!Solve3(m, unit, column))
            {
                return null;
            }

            for (var r = 0; r < 3; r++)
            {
                inverse[r, c] = column[r];
            }
        }

        return inverse;
    }
}
