import { useState } from 'react'
import type { InputProps } from '@tarojs/components'
import { TextInput } from './TextInput'

/**
 * An ID number input the person can read while typing (18 characters are easy to get wrong behind
 * dots) and that hides the number once they leave the field, so it is not left on screen.
 */
export function IdNumberInput(props: InputProps & { ariaLabel: string }) {
  const [focused, setFocused] = useState(false)
  return (
    <TextInput
      {...props}
      type='idcard'
      password={!focused && String(props.value ?? '') !== ''}
      onFocus={(e) => {
        setFocused(true)
        props.onFocus?.(e)
      }}
      onBlur={(e) => {
        setFocused(false)
        props.onBlur?.(e)
      }}
    />
  )
}
