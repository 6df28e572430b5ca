from homekit.cli import main

raise SystemExit(main())
