namespace IcuSync.Analytics;
