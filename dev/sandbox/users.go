package sandbox

import "strconv"

// User is a built-in Make user who can sign in on the consent page. The
// id_token's "sub" claim is the user's ID as a decimal string, and
// GET /api/v2/users/me describes the user.
type User struct {
	ID    int
	Name  string
	Email string
}

// builtinUsers are the people on the consent page; the first is
// preselected.
var builtinUsers = []User{
	{ID: 1001, Name: "Ada Lovelace", Email: "ada@example.com"},
	{ID: 1002, Name: "Grace Hopper", Email: "grace@example.com"},
	{ID: 1003, Name: "Alan Turing", Email: "alan@example.com"},
}

// Users returns the built-in users in the order the consent page lists them.
// The first one is preselected.
func (s *Server) Users() []User {
	return append([]User(nil), builtinUsers...)
}

// userByEmail finds a built-in user by e-mail address.
func userByEmail(email string) (User, bool) {
	for _, u := range builtinUsers {
		if u.Email == email {
			return u, true
		}
	}
	return User{}, false
}

// userBySubject finds a built-in user by the "sub" value issued for them.
func userBySubject(sub string) (User, bool) {
	for _, u := range builtinUsers {
		if strconv.Itoa(u.ID) == sub {
			return u, true
		}
	}
	return User{}, false
}
