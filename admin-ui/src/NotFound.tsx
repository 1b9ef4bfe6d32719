// A page for what does not exist: an unknown address, or a record whose ID nobody has. It stays on
// the address the person followed (no redirect to a list with an old filter still applied).
import { Alert, Box, Button, Card, CardContent, Typography } from '@mui/material';
import { Link, Title, useTranslate } from 'react-admin';
import { usePageTitle } from './usePageTitle';

export function NotFound({ message, listPath }: { message?: string; listPath?: string }) {
  const translate = useTranslate();
  const title = translate('nitd.notFound.title');
  usePageTitle(title);
  return (
    <Card sx={{ mt: 2 }} data-testid="not-found">
      <Title title={title} />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {title}
        </Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          {message ?? translate('nitd.notFound.page')}
        </Alert>
        <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          {listPath && (
            <Button component={Link} to={listPath} variant="contained">
              {translate('nitd.notFound.toList')}
            </Button>
          )}
          <Button component={Link} to="/" variant={listPath ? 'outlined' : 'contained'}>
            {translate('nitd.notFound.back')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
