import { useCallback, useEffect, useRef, useState } from 'react'
import type { CommandError, SubmitOutcome } from '../../../shared/facilitation/commands'
import { useConnection } from '../store/hooks'
import type { PhoneStore } from '../store/PhoneStore'
import { loadOutbox, saveOutbox, withNote, withoutNote, type OutboxNote } from './noteOutbox'

/** What became of a note the person added. */
export type SubmitResult =
  | { kind: 'sent'; outcome: SubmitOutcome }
  /** No connection: kept on the phone, sent when the connection returns. */
  | { kind: 'saved' }
  /** The server said no; the text stays where it was. */
  | { kind: 'failed'; error: CommandError }

export interface NoteOutbox {
  /** Notes waiting for the network (or refused when they were sent later), oldest first. */
  waiting: readonly OutboxNote[]
  submit(text: string): Promise<SubmitResult>
  /** Changes a waiting note's text (and tries again if it had been refused). */
  edit(noteId: string, text: string): void
  discard(noteId: string): void
}

/**
 * Sends the phone page's notes, and keeps the ones that cannot go now on the device until the
 * connection returns. The control channel waits for the connection by itself, but only as long
 * as a reply may take; a note must survive a longer outage and a closed tab.
 */
export function useNoteOutbox(store: PhoneStore, workshopId: string, onSentLater: (outcome: SubmitOutcome) => void): NoteOutbox {
  const [waiting, setWaiting] = useState(() => loadOutbox(workshopId))
  const list = useRef(waiting)
  const flushing = useRef(false)
  const sentLater = useRef(onSentLater)
  const connection = useConnection(store)
  useEffect(() => {
    sentLater.current = onSentLater
  }, [onSentLater])

  const commit = useCallback(
    (next: OutboxNote[]) => {
      list.current = next
      saveOutbox(workshopId, next)
      setWaiting(next)
    },
    [workshopId],
  )

  /** Removes a note that reached the server; true if it was still waiting (so it is reported once). */
  const arrived = useCallback(
    (noteId: string): boolean => {
      if (!list.current.some((n) => n.noteId === noteId)) return false
      commit(withoutNote(list.current, noteId))
      return true
    },
    [commit],
  )

  const flush = useCallback(async () => {
    if (flushing.current) return
    flushing.current = true
    try {
      for (const note of list.current.filter((n) => n.failure === '')) {
        // Discarded or edited meanwhile: the list is the truth, not the snapshot.
        const current = list.current.find((n) => n.noteId === note.noteId)
        if (!current || current.failure !== '' || current.text !== note.text) continue
        const reply = await store.control.send({ type: 'note.submit', noteId: note.noteId, text: note.text })
        if (reply.ok) {
          if (arrived(note.noteId)) sentLater.current(reply.result.outcome)
        } else if (reply.error === 'offline' || reply.error === 'timeout') {
          break
        } else if (list.current.some((n) => n.noteId === note.noteId)) {
          commit(withNote(list.current, { ...note, failure: reply.error }))
        }
      }
    } finally {
      flushing.current = false
    }
  }, [store, arrived, commit])

  useEffect(() => {
    if (connection.status === 'connected' && waiting.some((n) => n.failure === '')) void flush()
  }, [connection.status, waiting, flush])

  const submit = useCallback(
    async (text: string): Promise<SubmitResult> => {
      const note: OutboxNote = { workshopId, noteId: store.newId(), text, createdAt: Date.now(), failure: '' }
      const keep = (): SubmitResult => {
        commit(withNote(list.current, note))
        return { kind: 'saved' }
      }
      if (store.getConnection().status !== 'connected') return keep()
      const reply = store.control.send({ type: 'note.submit', noteId: note.noteId, text })
      // The connection may go while the reply is on its way: keep the note at once rather than
      // after the channel's reply timeout, and take it out again if the reply still comes.
      const lost = connectionLost(store)
      const first = await Promise.race([reply, lost.promise])
      lost.cancel()
      if (first === 'lost') {
        void reply.then((late) => {
          if (late.ok && arrived(note.noteId)) sentLater.current(late.result.outcome)
        })
        return keep()
      }
      if (first.ok) return { kind: 'sent', outcome: first.result.outcome }
      if (first.error === 'offline' || first.error === 'timeout') return keep()
      return { kind: 'failed', error: first.error }
    },
    [store, workshopId, commit, arrived],
  )

  const edit = useCallback(
    (noteId: string, text: string) => {
      const note = list.current.find((n) => n.noteId === noteId)
      if (note) commit(withNote(list.current, { ...note, text, failure: '' }))
    },
    [commit],
  )

  const discard = useCallback((noteId: string) => commit(withoutNote(list.current, noteId)), [commit])

  return { waiting, submit, edit, discard }
}

/** Resolves with 'lost' when the store's connection is no longer up. */
function connectionLost(store: PhoneStore): { promise: Promise<'lost'>; cancel: () => void } {
  let unsubscribe = () => {}
  const promise = new Promise<'lost'>((resolve) => {
    unsubscribe = store.subscribe('connection', () => {
      if (store.getConnection().status !== 'connected') resolve('lost')
    })
  })
  return { promise, cancel: () => unsubscribe() }
}
