package keychain

import (
	"fmt"
	"slices"
)

// A Report says what Repair looked at, what it found and what it wrote or
// would write. It holds account IDs and what is wrong, never a stored value.
type Report struct {
	// Damage is why the account list could not be read; nil when it could.
	Damage error
	// Accounts are the IDs the repaired list holds, in order.
	Accounts []string
	// Found has one entry for each ID looked at, in the order found.
	Found []Finding
	// Unnamed counts the words in unreadable parts of the damaged list that
	// named no stored account. They are not shown: they may be anything.
	Unnamed int
	// Needed reports whether the list must be written; Applied whether
	// Repair wrote it.
	Needed, Applied bool
}

// A Finding is one account ID Repair looked at.
type Finding struct {
	ID     string
	Source Source
	State  State
	// Problem is what is wrong with an account found Damaged.
	Problem error
}

// Source is where Repair learnt of an account ID.
type Source int

const (
	// Listed: in the account list, which reads.
	Listed Source = iota
	// ListedPending: in the account list as being added or removed.
	ListedPending
	// InDamagedList: in a readable part of the damaged account list.
	InDamagedList
	// InOtherVersion: in the previous or an unfinished version of the
	// account list, still stored and named in its head.
	InOtherVersion
	// Named: named by the caller.
	Named
)

func (s Source) String() string {
	return [...]string{"in the account list", "in the account list, being added or removed",
		"in a readable part of the damaged list", "in an earlier or unfinished version of the list",
		"named by you"}[s]
}

// State is what the keychain holds under an account's key.
type State int

const (
	// Stored: a complete account record. It is listed.
	Stored State = iota
	// Damaged: a record of this account that does not load. It is listed,
	// so that disconnecting the account removes its entries.
	Damaged
	// Unfinished: an account whose first write never finished. It is
	// listed as pending, so the next change deletes what it left.
	Unfinished
	// Foreign: an entry that is not an account record of this app. It is
	// left alone and not listed.
	Foreign
	// Absent: nothing is stored.
	Absent
)

func (s State) String() string {
	return [...]string{"stored", "damaged", "never finished", "not an account record, left alone", "nothing stored"}[s]
}

// Repair rebuilds the account list when it is damaged, which stops every
// write, from the accounts it can find. go-keyring cannot enumerate
// entries, so it looks for accounts under the IDs it can learn: those in the
// readable parts of the damaged list, in the list's previous or unfinished
// version named in its head, and in extraIDs. An ID counts only when an
// account record of that ID is stored under it. Accounts named nowhere are
// not found, and their entries stay.
//
// With a list that reads, Repair only adds the accounts of extraIDs that are
// stored but not listed. Repair never deletes an account's entries itself;
// it lists a never-finished account as pending, as an interrupted write
// does, so the next change deletes what that left. With apply false it
// changes nothing and reports what it would write.
func (s *Store) Repair(apply bool, extraIDs []string) (Report, error) {
	for _, id := range extraIDs {
		if !validID(id) {
			return Report{}, fmt.Errorf("%q is not an account ID: IDs are letters, digits, '-' and '_'", id)
		}
	}
	unlock, err := s.lock(true)
	if err != nil {
		return Report{}, err
	}
	defer unlock()

	var r Report
	var ids candidates
	var had index // the list as it reads
	current, _, err := s.readIndex()
	switch {
	case err == nil:
		had = *current
		ids.add(Listed, had.Accounts...)
		ids.add(ListedPending, had.Pending...)
	case fatal(err):
		return r, plain(err)
	default:
		r.Damage = err
		if err := s.salvageIndex(&ids); err != nil {
			return r, plain(err)
		}
	}
	ids.add(Named, extraIDs...)

	next := index{}
	for _, c := range ids {
		state, problem, err := s.probe(c.id)
		if err != nil {
			return r, plain(err)
		}
		if c.source == InDamagedList && state == Absent {
			r.Unnamed++
			continue
		}
		r.Found = append(r.Found, Finding{ID: c.id, Source: c.source, State: state, Problem: problem})
		next.place(c.source, state, c.id, r.Damage == nil)
	}
	r.Accounts = next.Accounts
	r.Needed = r.Damage != nil || !slices.Equal(next.Accounts, had.Accounts) || !slices.Equal(next.Pending, had.Pending)
	if apply && r.Needed {
		if err := s.writeIndex(next); err != nil {
			return r, wrap("repair the account list", err)
		}
		r.Applied = true
	}
	return r, nil
}

// place puts an account in the repaired list. A list that reads (keep)
// keeps what it holds, and gains only the accounts the caller named; a
// damaged one is made of every account found stored.
func (ix *index) place(src Source, state State, id string, keep bool) {
	switch {
	case keep && src == Listed:
		ix.Accounts = append(ix.Accounts, id)
	case keep && src == ListedPending:
		ix.Pending = append(ix.Pending, id)
	case state == Stored, state == Damaged:
		ix.Accounts = append(ix.Accounts, id)
		ix.Pending = without(ix.Pending, id)
	case state == Unfinished && !slices.Contains(ix.Pending, id):
		ix.Pending = append(ix.Pending, id)
	}
}

// probe says what is stored under the account ID id. err is for a keychain
// that cannot be read.
func (s *Store) probe(id string) (state State, problem, err error) {
	name := accountName(id)
	raw, err := s.get(name)
	switch {
	case missing(err):
		return Absent, nil, nil
	case err != nil:
		return 0, nil, err
	}
	h, perr := parseHead(name, raw)
	switch {
	case perr != nil && !ownHead(name, raw):
		return Foreign, nil, nil
	case perr != nil:
		return Damaged, perr, nil
	case h.current() == nil:
		return Unfinished, nil, nil
	}
	if _, err := s.load(id); fatal(err) {
		return 0, nil, err
	} else if err != nil {
		return Damaged, err, nil
	}
	return Stored, nil, nil
}

// candidates are account IDs in the order learnt, each with where it was
// learnt first; the caller naming an ID the list holds as pending makes it
// the caller's.
type candidates []candidate

type candidate struct {
	id     string
	source Source
}

func (c *candidates) add(src Source, ids ...string) {
	for _, id := range ids {
		i := slices.IndexFunc(*c, func(x candidate) bool { return x.id == id })
		switch {
		case !validID(id):
		case i < 0:
			*c = append(*c, candidate{id, src})
		case src == Named && (*c)[i].source == ListedPending:
			(*c)[i].source = Named
		}
	}
}
