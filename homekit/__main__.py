from homekit.launch import main

raise SystemExit(main())
