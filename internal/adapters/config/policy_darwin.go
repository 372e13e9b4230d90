package config

// PolicyFile is where macOS keeps the preferences an MDM profile manages
// for every user, /Library/Managed Preferences/com.makeconnect.app.plist;
// its keys are the policy's. It is read in Go (XML or binary property
// list), without cgo or CFPreferences.
func PolicyFile() string { return "/Library/Managed Preferences/" + AppID + ".plist" }

// ReadPolicy reads the managed policy; none is the zero Policy.
func ReadPolicy() (Policy, error) { return readPolicyPlist(PolicyFile()) }
