namespace IcuSync.Sandbox;

/// <summary>A dataset folder could not be loaded; the message names the file and what to fix.</summary>
public sealed class SandboxDatasetException : Exception
{
    public SandboxDatasetException()
    {
    }

    public SandboxDatasetException(string message)
        : base(message)
    {
    }

    public SandboxDatasetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
