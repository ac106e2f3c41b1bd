// Package workspace loads a repository of IAM documents: rampart.yaml, the
// policy documents, the inventory (one file per account) and the scenario
// files, from a directory or from a git revision. It resolves every
// reference between files — relative to the referencing file and never
// outside the repository — and system or managed policies by name, and
// reports what it cannot read as findings with positions.
package workspace

import (
	"github.com/rampart-iam/rampart/internal/finding"
	"github.com/rampart-iam/rampart/internal/policydoc"
)

// Workspace is a loaded repository.
type Workspace struct {
	Root      string // what was loaded, for display: a directory or a revision
	Config    *Config
	Policies  []*Policy // policy documents of the repository, sorted by file
	Managed   []*Policy // system and managed policies the inventory names
	Inline    []*Policy // policies written inside scenario files
	Accounts  []*Account
	Scenarios []*ScenarioFile
	Files     []*File // every file read, sorted by path
	Findings  []finding.Finding
}

// FileRole is what a file is for.
type FileRole string

// The file roles.
const (
	FilePolicy    FileRole = "policy"
	FileInventory FileRole = "inventory"
	FileScenarios FileRole = "scenarios"
	FileConfig    FileRole = "config"
)

// File is a file of the repository that rampart read.
type File struct {
	Path string
	Role FileRole
	Doc  *policydoc.Document // nil when it did not parse
}

// Policy is a policy document with its dialect and kind.
type Policy struct {
	*policydoc.Policy
	DialectReason string // what decided the dialect, for messages
	Managed       bool   // an embedded system or managed policy
	Source        string // for managed policies: where the document comes from
	Name          string // for managed policies: the name it is attached by
}

// File is the path findings and explanations name for the policy.
func (p *Policy) File() string { return p.Doc.Path }

// PolicyRef is a policy named by an inventory or a scenario.
type PolicyRef struct {
	Text    string  // as written: a path or a policy name; empty for an inline document
	Pointer string  // of the reference in its file
	Policy  *Policy // nil when it could not be resolved
}

// Account is one inventory file.
type Account struct {
	File                    string
	Doc                     *policydoc.Document
	ID                      string
	Alias                   string
	Dialect                 policydoc.Dialect
	Users                   []*User
	Groups                  []*Group
	Roles                   []*Role
	Resources               []*Resource
	ControlPolicies         [][]*PolicyRef // one list per level, root first
	ResourceControlPolicies [][]*PolicyRef
	Organization            *Organization
	PasswordPolicy          *PasswordPolicy
	MFA                     *MFASettings
	AccessKeyMaxAgeDays     int
}

// User is a user of an account.
type User struct {
	Name       string
	Pointer    string
	Groups     []NameRef
	Policies   []*PolicyRef
	Boundary   *PolicyRef
	Console    bool
	MFA        bool
	Tags       map[string]string
	AccessKeys []AccessKey
	Account    *Account
}

// NameRef is a name that refers to another entry of the inventory.
type NameRef struct {
	Name    string
	Pointer string
}

// AccessKey is a user's access key.
type AccessKey struct {
	ID       string
	Created  string
	Active   bool
	LastUsed string
	Pointer  string
}

// Group is a group of an account.
type Group struct {
	Name     string
	Pointer  string
	Policies []*PolicyRef
	Members  []*User
	Account  *Account
}

// Role is a role of an account.
type Role struct {
	Name               string
	Pointer            string
	Trust              *PolicyRef
	Policies           []*PolicyRef
	Boundary           *PolicyRef
	Tags               map[string]string
	MaxSessionDuration int
	Account            *Account
}

// Resource is a resource that carries a policy (a bucket, a key).
type Resource struct {
	ARN     string
	Pointer string
	Policy  *PolicyRef
	Tags    map[string]string
	Account *Account
}

// Organization places an account in an organization.
type Organization struct {
	ID         string
	Management bool
	Path       []string
}

// PasswordPolicy is an account's password policy for its users.
type PasswordPolicy struct {
	Pointer          string
	MinLength        int
	RequireLowercase bool
	RequireUppercase bool
	RequireNumbers   bool
	RequireSymbols   bool
	MaxAgeDays       int
	ReusePrevention  int
	MaxLoginAttempts int
	HardExpiry       bool
}

// MFASettings are an account's MFA settings.
type MFASettings struct {
	Pointer             string
	RequiredForConsole  bool
	OperationProtection bool
}

// ScenarioFile is one file of scenarios.
type ScenarioFile struct {
	File      string
	Doc       *policydoc.Document
	Scenarios []*Scenario
}

// Scenario is one question with an expected answer.
type Scenario struct {
	Name            string
	Description     string
	File            string
	Pointer         string
	Line            int
	Dialect         policydoc.Dialect // explicit, or empty
	Principal       string
	Assume          []string
	Actions         []string
	Resources       []string
	ResourceAccount string
	Context         map[string]ContextValue
	SessionPolicy   *PolicyRef
	WhatIf          *WhatIf // the policies: block; nil when the inventory decides
	Expect          string
	Doc             *policydoc.Document
}

// ContextValue is a request context value: one value or a list.
type ContextValue struct {
	Values []string
	Multi  bool // written as a list
}

// WhatIf holds the policies a scenario evaluates without the inventory.
type WhatIf struct {
	Identity        []*PolicyRef
	Resource        *PolicyRef
	Boundary        *PolicyRef
	Session         *PolicyRef
	Trust           *PolicyRef
	Control         [][]*PolicyRef
	ResourceControl [][]*PolicyRef
}

// Account returns the account with the given ID.
func (w *Workspace) Account(id string) *Account {
	for _, a := range w.Accounts {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// File returns the loaded file with the given path.
func (w *Workspace) File(path string) *File {
	for _, f := range w.Files {
		if f.Path == path {
			return f
		}
	}
	return nil
}

// User returns a user of the account by name.
func (a *Account) User(name string) *User {
	for _, u := range a.Users {
		if u.Name == name {
			return u
		}
	}
	return nil
}

// Group returns a group of the account by name.
func (a *Account) Group(name string) *Group {
	for _, g := range a.Groups {
		if g.Name == name {
			return g
		}
	}
	return nil
}

// Role returns a role of the account by name.
func (a *Account) Role(name string) *Role {
	for _, r := range a.Roles {
		if r.Name == name {
			return r
		}
	}
	return nil
}
