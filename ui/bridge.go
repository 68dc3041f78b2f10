package ui

import (
	"context"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/linkstep/linkstep/flows"
)

// mailbox is an ordered, unbounded queue of messages for the program. Posting never blocks, so
// a journey's Tell never waits on the UI; the journey area takes messages out one at a time
// with a command it issues again after each (listenMailbox).
type mailbox struct {
	mu    sync.Mutex
	queue []tea.Msg
	ready chan struct{} // holds a token while the queue may be non-empty
}

func newMailbox() *mailbox {
	return &mailbox{ready: make(chan struct{}, 1)}
}

// post queues msg.
func (b *mailbox) post(msg tea.Msg) {
	b.mu.Lock()
	b.queue = append(b.queue, msg)
	b.mu.Unlock()
	select {
	case b.ready <- struct{}{}:
	default:
	}
}

// next blocks until a message is queued and returns it, or returns nil once ctx is done.
func (b *mailbox) next(ctx context.Context) tea.Msg {
	for {
		b.mu.Lock()
		if len(b.queue) > 0 {
			msg := b.queue[0]
			b.queue[0] = nil
			b.queue = b.queue[1:]
			if len(b.queue) > 0 {
				select {
				case b.ready <- struct{}{}:
				default:
				}
			}
			b.mu.Unlock()
			return msg
		}
		b.mu.Unlock()
		select {
		case <-b.ready:
		case <-ctx.Done():
			return nil
		}
	}
}

// listenMailbox waits for the next message of the journey in flight.
func listenMailbox(ctx context.Context, b *mailbox) tea.Cmd {
	return func() tea.Msg { return b.next(ctx) }
}

// reply is the UI's answer to one Ask.
type reply struct {
	answer flows.Answer
	err    error
}

// bridgeMsg is a message from a journey run: askMsg, tellMsg, withdrawnMsg or journeyDoneMsg.
type bridgeMsg interface{ runID() int }

// askMsg carries a prompt to the UI and the channel its answer goes back on.
type askMsg struct {
	run, id int
	prompt  flows.Prompt
	ctx     context.Context // done when the journey withdraws the prompt
	reply   chan<- reply    // buffered: answering never blocks
}

// tellMsg carries an event of the journey.
type tellMsg struct {
	run   int
	event flows.Event
}

// withdrawnMsg says the journey stopped waiting for an answer to prompt id (e.g. the loopback
// listener caught the redirect first).
type withdrawnMsg struct{ run, id int }

// journeyDoneMsg is the outcome of a journey run. It travels through the mailbox so that it
// arrives after everything the journey told before it returned.
type journeyDoneMsg struct {
	run    int
	result flows.Result
	err    error
}

func (m askMsg) runID() int         { return m.run }
func (m tellMsg) runID() int        { return m.run }
func (m withdrawnMsg) runID() int   { return m.run }
func (m journeyDoneMsg) runID() int { return m.run }

// asker is the flows.Asker of one journey run: it posts prompts and events to the mailbox and
// waits for the UI's reply.
type asker struct {
	run  int
	box  *mailbox
	next atomic.Int64
}

var _ flows.Asker = (*asker)(nil)

// Ask shows p and blocks until the UI answers or ctx is done; in the latter case the UI is
// told that the prompt was withdrawn, and Ask returns at once.
func (a *asker) Ask(ctx context.Context, p flows.Prompt) (flows.Answer, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	id := int(a.next.Add(1))
	ch := make(chan reply, 1)
	a.box.post(askMsg{run: a.run, id: id, prompt: p, ctx: ctx, reply: ch})
	select {
	case r := <-ch:
		return r.answer, r.err
	case <-ctx.Done():
		a.box.post(withdrawnMsg{run: a.run, id: id})
		return nil, ctx.Err()
	}
}

// Tell posts ev to the UI; it never blocks.
func (a *asker) Tell(ev flows.Event) {
	a.box.post(tellMsg{run: a.run, event: ev})
}
