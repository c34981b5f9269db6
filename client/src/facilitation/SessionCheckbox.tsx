import { useEffect, useState } from 'react'
import type { Command } from '../../../shared/facilitation/commands'
import type { CommandRunner } from './useCommand'

type SwitchCommand = Extract<Command, { enabled: boolean }>

interface SessionCheckboxProps {
  /** The session's value: the truth, from the session map. */
  value: boolean
  command: CommandRunner
  /** The command that sets it, given the wanted value. */
  toCommand: (enabled: boolean) => SwitchCommand
  /** Announced when the server has done it. */
  done: (enabled: boolean) => string
  label: string
}

/**
 * A facilitator's on/off setting of the session. The box shows the choice at once; the session map
 * catches up a moment later (it comes over the document socket, the reply over the control socket).
 * A refused command puts it back at once; an accepted one lets the map decide after a moment, in
 * case another facilitator changed it meanwhile.
 */
export function SessionCheckbox({ value, command, toCommand, done, label }: SessionCheckboxProps) {
  const [wanted, setWanted] = useState<boolean | null>(null)
  useEffect(() => {
    if (wanted !== null && value === wanted) setWanted(null)
  }, [value, wanted])

  return (
    <label className="facilitation-check">
      <input
        type="checkbox"
        checked={wanted ?? value}
        onChange={(e) => {
          const enabled = e.target.checked
          setWanted(enabled)
          void command.run(toCommand(enabled), { done: done(enabled) }).then((outcome) => {
            if (!outcome.ok) setWanted(null)
            else window.setTimeout(() => setWanted(null), 2000)
          })
        }}
      />
      <span>{label}</span>
    </label>
  )
}
