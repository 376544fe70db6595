namespace IcuSync.Analytics;

/// <summary>The athlete's sex, which selects the Banister TRIMP weighting constant.</summary>
public enum Sex
{
    /// <summary>Male: TRIMP weighting k = 1.92.</summary>
    Male,

    /// <summary>Female: TRIMP weighting k = 1.67.</summary>
    Female,
}
