from ftlint.cli import main

raise SystemExit(main())
