namespace IcuSync.Sandbox;
