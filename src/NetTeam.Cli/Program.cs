using NetTeam.Cli;

// netteamctl: teamdctl's grammar and teamnl's grammar against netteamd's control socket.
return Ctl.Run(args, Console.Out, Console.Error);
