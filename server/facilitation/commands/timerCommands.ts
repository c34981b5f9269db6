import { addTime, pauseTimer, resumeTimer, startTimer } from '../../../shared/facilitation/timer'
import type { CommandHandlers } from './CommandContext'

/** The shared countdown, in server time, and the clock the app measures its offset against. */
export const timerCommands: CommandHandlers<'time' | 'timer.start' | 'timer.pause' | 'timer.resume' | 'timer.add' | 'timer.reset'> = {
  time: (_command, { now }) => ({ serverTime: now }),
  'timer.start': (command, { now, workshop }) => workshop.writeState({ timer: startTimer(command.durationMs, now) }),
  'timer.pause': (_command, { now, workshop }) => workshop.writeState({ timer: pauseTimer(workshop.state.timer, now) }),
  'timer.resume': (_command, { now, workshop }) => workshop.writeState({ timer: resumeTimer(workshop.state.timer, now) }),
  'timer.add': (command, { now, workshop }) => workshop.writeState({ timer: addTime(workshop.state.timer, command.ms, now) }),
  'timer.reset': (_command, { workshop }) => workshop.writeState({ timer: { status: 'idle' } }),
}
