// 好差评 form and the rating once given: five levels, the level's tags, a comment; shared by a
// case's detail page and a hall visit (booking detail), so both rate the same way.
import { useState } from 'react'
import { View, Text, Button, Textarea } from '@tarojs/components'
// The cases area's text alone: this component ships with the subpackages that show it.
import { cases as t } from '@/domain/messages/zh-CN/cases'
import { format } from '@/domain/messages/format'
import { tagsFor } from '@/domain/cases/ratings'
import type { CaseRatingView } from '@/domain/contract'

const LEVELS = [5, 4, 3, 2, 1] as const

export function RatingForm({ id, busy, title = t.rating.title, onSubmit }: { id: string; busy: boolean; title?: string; onSubmit: (level: number, tags: string[], comment?: string) => void }) {
  const [level, setLevel] = useState(0)
  const [tags, setTags] = useState<string[]>([])
  const [comment, setComment] = useState('')
  return (
    <View className='card' id={id}>
      <Text className='card-text'>{title}</Text>
      <View className='choices' ariaRole='radiogroup' ariaLabel={title}>
        {LEVELS.map((l) => (
          <View key={l} id={`rate-${l}`} className={level === l ? 'choice choice-on' : 'choice'} ariaRole='radio' aria-checked={level === l} onClick={() => { setLevel(l); setTags([]) }}>
            <Text>{level === l ? `✓ ${t.rating.levels[l]}` : t.rating.levels[l]}</Text>
          </View>
        ))}
      </View>
      {level > 0 ? (
        <View>
          <Text className='text-muted text-small'>{t.rating.tags}</Text>
          <View className='choices'>
            {tagsFor(level).map((tag) => {
              const on = tags.includes(tag)
              return (
                <View key={tag} className={on ? 'choice choice-on' : 'choice'} ariaRole='checkbox' aria-checked={on} onClick={() => setTags(on ? tags.filter((x) => x !== tag) : [...tags, tag])}>
                  <Text>{on ? `✓ ${tag}` : tag}</Text>
                </View>
              )
            })}
          </View>
          <Textarea className='textarea' value={comment} placeholder={t.rating.comment} maxlength={500} onInput={(e) => setComment(e.detail.value)} />
          <Button className='btn' id='rate-submit' disabled={busy} onClick={() => onSubmit(level, tags, comment.trim() || undefined)}>{t.rating.submit}</Button>
        </View>
      ) : null}
    </View>
  )
}

export function RatingShown({ rating }: { rating: CaseRatingView }) {
  return (
    <View className='card'>
      <Text className='card-text'>{t.detail.rated}：{t.rating.levels[rating.level as 1 | 2 | 3 | 4 | 5]} {rating.tags.join('、')}</Text>
      {rating.comment ? <Text className='text-small'>{rating.comment}</Text> : null}
      {rating.followUpDueOn && !rating.reply ? <Text className='text-muted text-small'>{format(t.detail.followUpDue, { date: rating.followUpDueOn })}</Text> : null}
      {rating.reply ? <Text className='text-small'>{t.detail.reply}：{rating.reply}</Text> : null}
    </View>
  )
}
