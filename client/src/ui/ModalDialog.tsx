import { useEffect, useRef, type ReactNode } from 'react'

interface ModalDialogProps {
  labelledBy: string
  describedBy?: string
  /** Escape or the close button; omit for dialogs that must not be dismissed. */
  onCancel?: () => void
  role?: 'dialog' | 'alertdialog'
  className?: string
  children: ReactNode
}

/**
 * The native <dialog> in modal mode: it traps focus, makes the rest inert and returns focus
 * to where it was when it closes, all without a library.
 */
export function ModalDialog({ labelledBy, describedBy, onCancel, role, className, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal()
    return () => dialog?.close()
  }, [])
  return (
    <dialog
      ref={ref}
      role={role === 'alertdialog' ? 'alertdialog' : undefined}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={className ? `modal ${className}` : 'modal'}
      onCancel={(e) => {
        e.preventDefault()
        onCancel?.()
      }}
    >
      {children}
    </dialog>
  )
}
