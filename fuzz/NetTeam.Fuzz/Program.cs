using NetTeam.Fuzz;

return Cli.Run(args);
