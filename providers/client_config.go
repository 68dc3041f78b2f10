package providers

// ClientConfig is an OAuth client registered with a provider's console: its id, secret and
// registered redirect URI, as a config-file section holds them.
type ClientConfig struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	RedirectURI  string `json:"redirect_uri"`
}

// ClientVars names the environment variables that override a ClientConfig's fields.
type ClientVars struct{ ID, Secret, RedirectURI string }

// LoadClient reads the config file's section into a ClientConfig, then lets vars override it.
func (c Config) LoadClient(section string, vars ClientVars) (ClientConfig, error) {
	var cc ClientConfig
	if err := c.Section(section, &cc); err != nil {
		return ClientConfig{}, err
	}
	c.Override(&cc.ClientID, vars.ID)
	c.Override(&cc.ClientSecret, vars.Secret)
	c.Override(&cc.RedirectURI, vars.RedirectURI)
	return cc, nil
}

// Check says what the provider called name lacks for env: the client id and secret, naming
// vars; the embedded sandbox needs nothing.
func (cc ClientConfig) Check(name string, env Environment, configPath string, vars ClientVars) error {
	return CheckCredentials(name, env, configPath,
		Required{Var: vars.ID, Value: cc.ClientID},
		Required{Var: vars.Secret, Value: cc.ClientSecret})
}
