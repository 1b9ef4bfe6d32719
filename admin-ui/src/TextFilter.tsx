// A text filter for the lists (search, customer ID, subject ID, rule). react-admin's TextInput and
// SearchInput hand MUI 9's TextField the `InputProps` it no longer takes (a React warning on every
// list); this one uses slotProps, and says what it searches in its accessible name.
import SearchIcon from '@mui/icons-material/Search';
import { InputAdornment, MenuItem, TextField } from '@mui/material';
import { useInput, useTranslate, useResourceContext } from 'react-admin';

export interface TextFilterProps {
  source: string;
  /** A catalogue key or text; defaults to the resource's field label. */
  label?: string;
  alwaysOn?: boolean;
  search?: boolean;
}

export function TextFilter({ source, label, search }: TextFilterProps) {
  const { field, id } = useInput({ source });
  const translate = useTranslate();
  const resource = useResourceContext();
  const text = translate(label ?? `resources.${resource}.fields.${source}`, { _: source });
  return (
    <TextField
      {...field}
      id={id}
      value={field.value ?? ''}
      label={search ? undefined : text}
      placeholder={search ? text : undefined}
      size="small"
      variant={search ? 'outlined' : 'filled'}
      hiddenLabel={search}
      sx={{ minWidth: 180, mb: search ? 0.5 : 0 }}
      slotProps={{
        htmlInput: { 'aria-label': text },
        input: search
          ? {
              endAdornment: (
                <InputAdornment position="end">
                  <SearchIcon color="disabled" />
                </InputAdornment>
              ),
            }
          : undefined,
      }}
    />
  );
}

export interface SelectFilterProps {
  source: string;
  label?: string;
  alwaysOn?: boolean;
  choices: { id: string | boolean; name: string }[];
}

/** A choice filter, for the same reason as TextFilter (react-admin's SelectInput passes `InputProps` too). */
export function SelectFilter({ source, label, choices }: SelectFilterProps) {
  const { field, id } = useInput({ source });
  const translate = useTranslate();
  const resource = useResourceContext();
  const text = translate(label ?? `resources.${resource}.fields.${source}`, { _: source });
  const value = field.value === undefined || field.value === null ? '' : String(field.value);
  return (
    <TextField
      select
      id={id}
      name={field.name}
      label={text}
      value={value}
      onChange={(e) => {
        const chosen = choices.find((c) => String(c.id) === e.target.value);
        field.onChange(chosen ? chosen.id : undefined);
      }}
      onBlur={field.onBlur}
      size="small"
      variant="filled"
      sx={{ minWidth: 160 }}
    >
      <MenuItem value="">
        <em>{translate('nitd.none')}</em>
      </MenuItem>
      {choices.map((c) => (
        <MenuItem key={String(c.id)} value={String(c.id)}>
          {c.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A day filter (YYYY-MM-DD, as the API's date filters take it); react-admin's DateInput passes `InputLabelProps`. */
export function DateFilter({ source, label }: TextFilterProps) {
  const { field, id } = useInput({ source });
  const translate = useTranslate();
  const resource = useResourceContext();
  const text = translate(label ?? `resources.${resource}.fields.${source}`, { _: source });
  // A moment (a forecast week's Monday 00:00 in Oslo, sent as UTC) shows as its Oslo day.
  const value =
    typeof field.value !== 'string'
      ? ''
      : field.value.includes('T')
        ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date(field.value))
        : field.value.slice(0, 10);
  return (
    <TextField
      id={id}
      name={field.name}
      type="date"
      label={text}
      value={value}
      onChange={(e) => field.onChange(e.target.value || undefined)}
      onBlur={field.onBlur}
      size="small"
      variant="filled"
      sx={{ minWidth: 160 }}
      slotProps={{ inputLabel: { shrink: true } }}
    />
  );
}
