package explain

import (
	"errors"
	"io/fs"
	"strings"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/platform/httpclient"
	"github.com/make-connect/make-connect/internal/platform/safefile"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// Problem says what is wrong with a setting's value, in the chosen
// language and without where it was set: what Settings shows beside the
// field. err is, or wraps, one of the problems config, auth and httpclient
// report as data; for any other error it says err's own text as a
// sentence.
func Problem(err error) string {
	if s := problem(err); s != "" {
		return s
	}
	return sentence(sanitize.Text(err.Error()))
}

// problem is [Problem], or "" when err is none of the problems it knows.
func problem(err error) string {
	var (
		value      *config.ValueError
		zone       *config.ZoneError
		notAllowed *config.NotAllowedError
		caFile     *httpclient.CAFileError
	)
	switch {
	case errors.As(err, &value):
		return valueWords(value)
	case errors.As(err, &zone):
		return i18n.L("“{{.Value}}” is not one of Make's zones ({{.Zones}}) nor an API address starting with https://, such as https://eu1.make.com/api/v2.",
			vars{"Value": sanitize.Text(zone.Value), "Zones": strings.Join(config.Zones, ", ")})
	case errors.As(err, &notAllowed):
		v := vars{"Values": sanitize.Text(strings.Join(notAllowed.Values, " ")), "Allowed": sanitize.Text(strings.Join(notAllowed.Allowed, ", ")),
			"Key": notAllowed.Key, "Source": sanitize.Text(notAllowed.Source)}
		switch notAllowed.What {
		case "zone":
			return i18n.L("Your organization's policy does not allow the zone {{.Values}}: only {{.Allowed}} ({{.Key}} in {{.Source}}).", v)
		case "API base":
			return i18n.L("Your organization's policy does not allow the API address {{.Values}}: only the zones {{.Allowed}} ({{.Key}} in {{.Source}}).", v)
		}
		return i18n.L("Your organization's policy does not allow these scopes: {{.Values}}. It allows only {{.Allowed}} ({{.Key}} in {{.Source}}).", v)
	case errors.As(err, &caFile):
		return caFileWords(caFile)
	}
	return ""
}

// valueWords says which rule e's value breaks.
func valueWords(e *config.ValueError) string {
	v := vars{"Value": sanitize.Text(e.Value), "Port": sanitize.Text(e.Port), "Setting": settingName(e.What), "Scheme": config.SchemeRedirectURI()}
	switch e.Problem {
	case config.NotURL:
		return i18n.L("{{.Setting}}: “{{.Value}}” is not a web address.", v)
	case config.NotRedirectKind:
		return i18n.L("The redirect URI must be one of three kinds: this computer's own address, such as http://127.0.0.1:0/callback; this app's scheme, {{.Scheme}}; or a page of your organization's starting with https://.", v)
	case config.SchemeForm:
		return i18n.L("Write the app's scheme with a single slash after the colon, such as {{.Scheme}}.", v)
	case config.Localhost:
		return i18n.L("Write http://127.0.0.1 instead of localhost in the redirect URI: the name localhost can be sent elsewhere.")
	case config.NotLoopback:
		return i18n.L("The redirect URI must be on this computer's own address, 127.0.0.1 or [::1], such as http://127.0.0.1:0/callback.")
	case config.NoPort:
		return i18n.L("The redirect URI needs a port, such as http://127.0.0.1:8080/callback (0 for any free one).")
	case config.BadPort:
		return i18n.L("There is no port {{.Port}}: a port is a number from 1 to 65535 (0 for any free one).", v)
	case config.NoPath:
		return i18n.L("The redirect URI needs a path, such as /callback.")
	case config.QueryOrFragment:
		return i18n.L("The redirect URI must not have anything after a ? or #.")
	case config.UserInfo:
		// Not the value: it holds a password.
		return i18n.L("{{.Setting}}: the address must not hold a user name or password.", v)
	case config.NotHTTPS:
		return i18n.L("{{.Setting}}: “{{.Value}}” must start with https://, so that what is sent there is encrypted.", v)
	case config.NoScope:
		return i18n.L("Enter at least one scope.")
	case config.BadScope:
		return i18n.L("“{{.Value}}” is not a scope: scopes are written without quotes, backslashes or other special characters.", v)
	case config.NotKeychain:
		return i18n.L("“{{.Value}}” is not a keychain: use system or kernel.", v)
	case config.NotDuration:
		return i18n.L("The timeout “{{.Value}}” is not a length of time such as 5m or 30s.", v)
	}
	return sentence(sanitize.Text(e.Error()))
}

// settingName is the setting a ValueError's What names, as the person
// knows it.
func settingName(what string) string {
	switch what {
	case "issuer":
		return i18n.L("Sign-in server (issuer)")
	case "API base":
		return i18n.L("API address (API base)")
	case "redirect URI":
		return i18n.L("Redirect URI")
	}
	return capital(what)
}

// caFileWords says why the CA certificate file cannot be used.
func caFileWords(e *httpclient.CAFileError) string {
	v := vars{"File": sanitize.Text(e.File)}
	var unsafe *safefile.Error
	switch {
	case errors.Is(e.Err, httpclient.ErrNoPEM):
		return i18n.L("The CA certificate file {{.File}} holds no certificate in PEM form (-----BEGIN CERTIFICATE-----). Ask IT for the PEM file.", v)
	case errors.Is(e.Err, fs.ErrNotExist):
		return i18n.L("There is no CA certificate file {{.File}}. Check its name and folder.", v)
	case errors.Is(e.Err, fs.ErrPermission):
		return i18n.L("You may not read the CA certificate file {{.File}}. Use a copy you can read.", v)
	case errors.As(e.Err, &unsafe) && unsafe.Reason == safefile.OtherOwner:
		v["Path"] = sanitize.Text(unsafe.Path)
		return i18n.L("{{.Path}} belongs to another user, who could change the CA certificate file and so whom this computer trusts. Use a copy that belongs to you or to root.", v)
	case errors.As(e.Err, &unsafe) && unsafe.Reason == safefile.OthersCanWrite && unsafe.Mode != 0:
		v["Path"] = sanitize.Text(unsafe.Path)
		return i18n.L("Other users can change {{.Path}}, and so whom this computer trusts. Make it writable by its owner alone (chmod go-w).", v)
	case errors.As(e.Err, &unsafe):
		return unsafeWords(unsafe)
	}
	return i18n.L("The CA certificate file {{.File}} cannot be read.", v)
}

// configWords says what is wrong with a setting, the saved settings'
// file or the organization's policy; "" when e is none of config's or
// the setting checks' errors.
func configWords(e error, f Face) string {
	switch e := e.(type) {
	case *config.PolicyError:
		return policyWords(e)
	case *config.SettingError:
		var port *auth.PortError
		if errors.As(e.Err, &port) {
			return portWords(port, e.Source, f)
		}
		if e.Source == config.FromPolicy && e.Env == config.EnvKeychain {
			if s := policyKernelWords(e); s != "" {
				return s
			}
		}
		p := problem(e.Err)
		if p == "" {
			p = classify(e.Err, f)
		}
		if p == "" {
			p = i18n.L("The setting {{.Variable}} cannot be used. The details say why.", vars{"Variable": e.Env})
		}
		p += " " + whereSentence(e)
		if errors.Is(e.Err, config.ErrNotAllowed) && e.Source != config.FromPolicy {
			return i18n.L("{{.Problem}} Choose one it allows, or ask whoever manages this computer.", vars{"Problem": p})
		}
		return p
	case *config.SettingsFileError:
		return settingsFileWords(e, f)
	}
	switch e.(type) {
	case *config.ValueError, *config.ZoneError, *config.NotAllowedError, *httpclient.CAFileError:
		return problem(e)
	}
	switch {
	case is(e, config.ErrSetByPolicy):
		return i18n.L("Your organization's policy sets this to another value, so a flag cannot change it. Leave it out, or ask whoever manages this computer.")
	case is(e, config.ErrNotAllowed):
		return i18n.L("Your organization's policy does not allow this value. Choose one it allows, or ask whoever manages this computer.")
	case is(e, httpclient.ErrCAFile), is(e, httpclient.ErrNoPEM):
		return i18n.L("The CA certificate file cannot be used; the details say why. Ask IT for the PEM file, then {{.Fix}}.", vars{"Fix": f.caFile()})
	}
	return ""
}

// policyWords says what a policy that cannot be used, or one of its keys
// that cannot, stops: the source as a whole, everything; a known key,
// what it governs (config.Definition.Stops); a key the app does not know,
// nothing.
func policyWords(e *config.PolicyError) string {
	v := vars{"Error": sanitize.Text(e.Error()), "Key": sanitize.Text(string(e.Key))}
	d, known := config.Lookup(e.Key)
	switch {
	case e.Key == "":
		return i18n.L("Your organization's policy for Make Connect cannot be used, so nothing was done ({{.Error}}). Ask whoever manages this computer to correct it.", v)
	case !known || d.Stops == config.StopsNothing:
		return i18n.L("Your organization's policy has a value Make Connect ignores, {{.Key}} ({{.Error}}). Everything else in it applies.", v)
	case d.Stops == config.StopsRequests:
		return i18n.L("Your organization's policy has a value Make Connect cannot use, {{.Key}}, so nothing is sent to Make until it is corrected ({{.Error}}). Ask whoever manages this computer to correct it.", v)
	case d.Stops == config.StopsKeychain:
		return i18n.L("Your organization's policy has a value Make Connect cannot use, {{.Key}}, so the keychain is not opened until it is corrected ({{.Error}}). Ask whoever manages this computer to correct it.", v)
	case d.Stops == config.StopsTokenCopy:
		return i18n.L("Your organization's policy has a value Make Connect cannot use, {{.Key}}, so the window does not copy access tokens ({{.Error}}).", v)
	}
	return i18n.L("Your organization's policy has a value Make Connect cannot use, {{.Key}}, so no account can be connected until it is corrected ({{.Error}}). Ask whoever manages this computer to correct it.", v)
}

// settingsFileWords says why the saved settings' file cannot be read or
// saved, naming it.
func settingsFileWords(e *config.SettingsFileError, f Face) string {
	v := vars{"File": sanitize.Text(e.Path)}
	switch {
	case e.Damaged:
		return i18n.L("The settings file {{.File}} is damaged: it is not a settings file Make Connect can read. Correct it, or delete it and save the settings again.", v)
	case e.Save:
		v["Reason"] = orDetails(classify(e.Err, f))
		return i18n.L("The settings could not be saved in {{.File}}. {{.Reason}}", v)
	}
	v["Reason"] = orDetails(classify(e.Err, f))
	return i18n.L("Make Connect could not read its settings file {{.File}}, so it does not know the settings you saved. {{.Reason}}", v)
}

// whereSentence says where the setting e names got its value, as a
// sentence to follow what is wrong with it: for the organization's
// policy, which key, where (the registry key or the file) and whom to ask.
func whereSentence(e *config.SettingError) string {
	if key := config.PolicyKey(e.Env); e.Source == config.FromPolicy && key != "" {
		return policySetsIt(key, e.PolicySource)
	}
	return "(" + capital(whereWords(e.Env, e.Source)) + ".)"
}

// policySetsIt says that the policy's key, in source, sets what is
// wrong, and whom to ask.
func policySetsIt(key config.Key, source string) string {
	v := vars{"Key": key, "Source": sanitize.Text(source)}
	if source == "" {
		return i18n.L("Your organization's policy sets it ({{.Key}}): ask whoever manages this computer to correct it.", v)
	}
	return i18n.L("Your organization's policy sets it ({{.Key}} in {{.Source}}): ask whoever manages this computer to correct it.", v)
}

// whereWords says where the setting env got the value source names.
func whereWords(env string, source config.Source) string {
	switch source {
	case config.FromFlag:
		return "set by --" + config.FlagName(env)
	case config.FromEnvironment:
		return i18n.L("set by {{.Variable}} in the environment", vars{"Variable": env})
	case config.FromSaved:
		return i18n.L("saved in {{.Settings}}", vars{"Settings": i18n.L("Settings")})
	case config.FromPolicy:
		return i18n.L("set by your organization's policy")
	case config.FromBuiltIn:
		return i18n.L("built in")
	}
	return i18n.L("the default")
}
