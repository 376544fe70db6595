namespace IcuSync.Intervals;
