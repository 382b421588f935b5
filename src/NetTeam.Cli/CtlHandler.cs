namespace NetTeam.Cli;

/// <summary>Runs one command with the operands that follow its words; returns the exit code.</summary>
internal delegate int CtlHandler(CtlContext context, string[] operands);
