package ivy

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
)

// EventSessionCompleted is the webhook type sent when a data session completes.
const EventSessionCompleted = "data_session_completed"

// Webhook is a verified webhook: its type and payload as sent.
type Webhook struct {
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload"`
}

// Sign returns the X-Ivy-Signature of body: hex HMAC-SHA256 with secret.
func Sign(body []byte, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return hex.EncodeToString(mac.Sum(nil))
}

// VerifyWebhook checks signature against the raw body (in constant time) and decodes it; a
// missing secret, a missing or wrong signature, or a body that is not a webhook is refused.
func VerifyWebhook(body []byte, signature, secret string) (Webhook, error) {
	if secret == "" {
		return Webhook{}, fmt.Errorf("webhook refused: no signing secret to check it with (set %s)", EnvWebhookSecret)
	}
	got, err := hex.DecodeString(strings.TrimSpace(signature))
	if err != nil || len(got) == 0 {
		return Webhook{}, fmt.Errorf("webhook refused: %s is missing or not hex", SignatureHeader)
	}
	want, _ := hex.DecodeString(Sign(body, secret))
	if !hmac.Equal(got, want) {
		return Webhook{}, fmt.Errorf("webhook refused: %s does not match the body", SignatureHeader)
	}
	var w Webhook
	if err := json.Unmarshal(body, &w); err != nil || w.Type == "" {
		return Webhook{}, fmt.Errorf("webhook refused: the body is not a webhook")
	}
	return w, nil
}
