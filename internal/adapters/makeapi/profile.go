package makeapi

// Profile is what Make's API said of the person an account belongs to and
// where their data lives: the facts the protocol does not carry. It is
// kept beside the account's connection (keychain.Account) and shown by
// every face.
type Profile struct {
	// Name and Email come from /users/me; IdentityGap says why they are
	// missing when they are.
	Name        string
	Email       string
	IdentityGap IdentityGap
	// APIBase is the account's Make API, e.g. https://eu1.make.com/api/v2:
	// the zone its organizations are in when Make said, else the configured
	// one. The access token is sent there and to the issuer, nowhere else.
	APIBase string
	// Organizations are the person's Make organizations with their zones,
	// listed when organizations:read was granted (ZonesChecked).
	Organizations []Organization
	ZonesChecked  bool
}

// IdentityGap is why a profile has no name and email; "" when it has
// them. It is a code, not words: explain says it to a person.
type IdentityGap string

const (
	// IdentityNoScope: the user:read scope was not granted, so Make's
	// profile could not be asked for.
	IdentityNoScope IdentityGap = "no-user-read"
	// IdentityNotTold: Make's /users/me did not answer with the profile.
	IdentityNotTold IdentityGap = "not-told"
)

// Label is how the person is shown: name and email when Make told, else
// either one, else "" (the caller falls back to the account's subject).
func (p *Profile) Label() string {
	switch {
	case p.Name != "" && p.Email != "":
		return p.Name + " <" + p.Email + ">"
	case p.Email != "":
		return p.Email
	}
	return p.Name
}
